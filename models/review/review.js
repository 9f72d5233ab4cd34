(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".task-item"));
  var docs = Array.prototype.slice.call(document.querySelectorAll(".doc"));
  var lists = Array.prototype.slice.call(document.querySelectorAll(".tasks"));
  var select = document.getElementById("doc-select");
  var pos = document.getElementById("pos");
  var byN = {};
  var current = null;
  var currentDoc = 0;

  items.forEach(function (it) { byN[it.dataset.n] = { item: it, segs: [] }; });
  Array.prototype.forEach.call(document.querySelectorAll(".hl[data-refs]"), function (el) {
    el.dataset.refs.split(" ").forEach(function (ref) {
      var parts = ref.split(":");
      var entry = byN[parts[0]];
      if (entry) { entry.segs.push([el, parts[1]]); }
    });
  });

  function isShown(it) { return !it.classList.contains("filtered"); }
  function shownItems() { return items.filter(isShown); }

  function showDoc(d) {
    if (d < 0 || d >= docs.length) { return; }
    currentDoc = d;
    docs.forEach(function (el, i) { el.hidden = i !== d; });
    lists.forEach(function (el, i) { el.hidden = i !== d; });
    if (select) { select.value = String(d); }
  }

  function anchorOf(segs) {
    for (var i = 0; i < segs.length; i++) { if (segs[i][1] === "text" || segs[i][1] === "gold") { return segs[i][0]; } }
    return segs.length ? segs[0][0] : null;
  }

  function updatePos() {
    var shown = shownItems();
    var idx = current ? shown.indexOf(current) : -1;
    pos.textContent = (idx >= 0 ? (idx + 1) : "–") + " / " + shown.length + " tasks shown (" + items.length + " total)";
  }

  function setCurrent(it, scroll) {
    if (current) {
      current.classList.remove("current");
      byN[current.dataset.n].segs.forEach(function (s) { s[0].classList.remove("cur-" + s[1]); });
    }
    current = it;
    if (it) {
      showDoc(Number(it.dataset.doc));
      it.classList.add("current");
      var segs = byN[it.dataset.n].segs;
      segs.forEach(function (s) { s[0].classList.add("cur-" + s[1]); });
      if (scroll) {
        it.scrollIntoView({ block: "nearest" });
        var anchor = anchorOf(segs);
        if (anchor) { anchor.scrollIntoView({ block: "center" }); }
      }
      if (window.history && history.replaceState) { history.replaceState(null, "", "#t" + it.dataset.n); }
    }
    updatePos();
  }

  function move(delta) {
    var shown = shownItems();
    if (!shown.length) { setCurrent(null, false); return; }
    var idx = current ? shown.indexOf(current) : -1;
    var next = idx < 0 ? (delta > 0 ? 0 : shown.length - 1) : Math.min(Math.max(idx + delta, 0), shown.length - 1);
    setCurrent(shown[next], true);
  }

  function switchDoc(d) {
    if (d < 0 || d >= docs.length) { return; }
    showDoc(d);
    var first = shownItems().filter(function (it) { return Number(it.dataset.doc) === d; })[0] || null;
    setCurrent(first, true);
    if (!first) { docs[d].scrollIntoView({ block: "start" }); }
  }

  function checked(id) { var el = document.getElementById(id); return !!(el && el.checked); }

  function applyFilters() {
    var thr = parseFloat(document.getElementById("f-thr").value);
    var low = checked("f-low"), nolead = checked("f-nolead"), nodl = checked("f-nodl"), diff = checked("f-diff");
    var visible = {};
    items.forEach(function (it) {
      var conf = it.dataset.conf === "" ? NaN : parseFloat(it.dataset.conf);
      var hide = (low && !(conf < thr)) || (nolead && it.dataset.nolead !== "1") ||
        (nodl && it.dataset.nodl !== "1") || (diff && ["wrong", "spurious", "missed"].indexOf(it.dataset.diff) < 0);
      it.classList.toggle("filtered", hide);
      if (!hide) { visible[it.dataset.n] = true; }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".hl[data-refs]"), function (el) {
      var any = el.dataset.refs.split(" ").some(function (ref) { return visible[ref.split(":")[0]]; });
      el.classList.toggle("dim", !any);
    });
    if (current && !isShown(current)) {
      var doc = currentDoc;
      setCurrent(shownItems().filter(function (it) { return Number(it.dataset.doc) === doc; })[0] || null, true);
    } else {
      updatePos();
    }
  }

  items.forEach(function (it) { it.addEventListener("click", function () { setCurrent(it, true); }); });
  Array.prototype.forEach.call(document.querySelectorAll(".hl[data-refs]"), function (el) {
    el.addEventListener("click", function () {
      var refs = el.dataset.refs.split(" ").map(function (r) { return r.split(":"); });
      refs.sort(function (a, b) { return (a[1] === "text" ? 0 : 1) - (b[1] === "text" ? 0 : 1); });
      for (var i = 0; i < refs.length; i++) {
        var entry = byN[refs[i][0]];
        if (entry && isShown(entry.item)) { setCurrent(entry.item, false); entry.item.scrollIntoView({ block: "nearest" }); return; }
      }
    });
  });
  document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });
  ["f-low", "f-nolead", "f-nodl", "f-diff", "f-thr"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) { el.addEventListener("change", applyFilters); el.addEventListener("input", applyFilters); }
  });
  if (select) { select.addEventListener("change", function () { switchDoc(Number(select.value)); select.blur(); }); }

  document.addEventListener("keydown", function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (ev.key !== "Escape" && (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA")) { return; }
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var handled = true;
    switch (ev.key) {
      case "j": case "n": case "ArrowDown": move(1); break;
      case "k": case "p": case "ArrowUp": move(-1); break;
      case "]": switchDoc(currentDoc + 1); break;
      case "[": switchDoc(currentDoc - 1); break;
      case "Escape":
        ["f-low", "f-nolead", "f-nodl", "f-diff"].forEach(function (id) { var el = document.getElementById(id); if (el) { el.checked = false; } });
        if (ev.target && ev.target.blur) { ev.target.blur(); }
        applyFilters();
        break;
      default: handled = false;
    }
    if (handled) { ev.preventDefault(); }
  });

  var start = null;
  var m = /^#t(\d+)$/.exec(window.location.hash);
  if (m && byN[m[1]]) { start = byN[m[1]].item; }
  showDoc(start ? Number(start.dataset.doc) : 0);
  applyFilters();
  setCurrent(start || shownItems()[0] || null, !!start);
}());
