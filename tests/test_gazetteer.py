"""The gazetteer data and its loader: schema, round trip, folded lookup, successors by date."""

from __future__ import annotations

import json

import pytest

from pipeline.agencies.gazetteer import (
    GazetteerError,
    build_gazetteer,
    entry_json,
    fold,
    fold_phrase,
    load_gazetteer,
    spellings,
    tokenize,
)
from pipeline.resources import load_jsonl, model_path

LEVELS = {"central", "province", "district", "commune", None}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_entry_is_complete_and_consistent(gaz):
    rows = load_jsonl("agencies", "gazetteer.jsonl")
    assert len(rows) == len(gaz.entries) >= 150
    for e in gaz.entries.values():
        assert e.canonical and e.kind and e.level in LEVELS, e.id
        assert e.source, f"{e.id} has no source note"
        if e.successor:
            assert e.valid_to, f"{e.id}: a merged body needs valid_to"
            assert gaz.entries[e.successor].valid_from is None or gaz.entries[e.successor].valid_from > e.valid_to
        for d in (e.valid_from, e.valid_to):
            assert d is None or (len(d) == 10 and d[4] == "-" and d[7] == "-")


def test_file_round_trip(gaz):
    """Every line of gazetteer.jsonl is reproduced exactly from its loaded entry."""
    for raw in load_jsonl("agencies", "gazetteer.jsonl"):
        assert entry_json(gaz.entries[raw["id"]]) == raw


def test_file_is_one_json_object_per_line():
    with model_path("agencies", "gazetteer.jsonl").open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("//")]
    assert all(isinstance(json.loads(ln), dict) for ln in lines)


def test_the_2025_reorganization_is_recorded(gaz):
    merged = {
        "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
        "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
        "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
        "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
        "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
        "Sở Giao thông vận tải": "Sở Xây dựng",
        "Bộ Kế hoạch và Đầu tư": "Bộ Tài chính",
        "Bộ Thông tin và Truyền thông": "Bộ Khoa học và Công nghệ",
        "Bộ Lao động - Thương binh và Xã hội": "Bộ Nội vụ",
        "Bộ Giao thông vận tải": "Bộ Xây dựng",
        "Ủy ban Dân tộc": "Bộ Dân tộc và Tôn giáo",
        "UBND cấp huyện": "Ủy ban nhân dân cấp xã",
    }
    for old, new in merged.items():
        entry = gaz.lookup(old)
        assert entry is not None, old
        assert gaz.successor(entry, "2025-12-01").canonical == new
        assert gaz.successor(entry, "2024-06-30") is None, f"{old} still existed in 2024"


def test_successor_chain_follows_the_date(gaz):
    cuc_thue = gaz.lookup("Cục Thuế tỉnh")
    assert gaz.successor(cuc_thue, "2024-01-01") is None
    assert gaz.successor(cuc_thue, "2025-04-15").canonical == "Chi cục Thuế khu vực"
    assert gaz.successor(cuc_thue, "2025-09-01").canonical == "Thuế tỉnh"
    assert gaz.successor(cuc_thue).canonical == "Thuế tỉnh"
    district = gaz.lookup("Ủy ban nhân dân cấp huyện")
    assert gaz.successor(district, "2025-06-30") is None
    assert gaz.successor(district, "2025-07-01").canonical == "Ủy ban nhân dân cấp xã"


def test_a_shared_spelling_resolves_by_document_date(gaz):
    assert gaz.lookup("Cục Thuế", "2020-05-01").canonical == "Cục Thuế tỉnh"
    assert gaz.lookup("Cục Thuế", "2026-01-10").canonical == "Cục Thuế"


@pytest.mark.parametrize("spelling, canonical", [
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở NN và PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("Uỷ ban nhân dân Thành phố", "Ủy ban nhân dân tỉnh"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("BCH Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("Liên minh HTX tỉnh", "Liên minh Hợp tác xã tỉnh"),
    ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ("NHNN Việt Nam", "Ngân hàng Nhà nước Việt Nam"),
    ("VTV", "Đài Truyền hình Việt Nam"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"),
    ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"),
])
def test_abbreviations_and_tone_marks_fold_to_one_entry(gaz, spelling, canonical):
    entry = gaz.lookup(spelling)
    assert entry is not None and entry.canonical == canonical


def test_fold_moves_tone_marks_and_case():
    assert fold("hoá") == fold("hóa") == fold("HÓA")
    assert fold("Thuỷ") == fold("thủy")
    assert fold("Uỷ") == fold("ủy")
    assert fold("số") != fold("sở")  # tones are kept, only their placement is folded
    assert fold_phrase("Sở   Tài\nchính") == fold_phrase("sở tài chính")


def test_tokens_keep_spans_and_segmented_text_matches(gaz):
    text = "Sở_Tài_chính , Sở Kế hoạch và Đầu tư"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    found = [(toks[s].start, toks[e - 1].end, ids[0]) for s, e, ids in gaz.matches([t.norm for t in toks])]
    assert [(text[s:e], i) for s, e, i in found] == [("Sở_Tài_chính", "p.so-tai-chinh"),
                                                      ("Sở Kế hoạch và Đầu tư", "p.so-khdt")]


def test_matches_are_leftmost_longest(gaz):
    norms = [t.norm for t in tokenize("Sở Văn hóa, Thể thao và Du lịch Liên minh Hợp tác xã tỉnh")]
    ids = [ids[0] for _, _, ids in gaz.matches(norms)]
    assert ids == ["p.so-vhttdl", "p.lmhtx"]


def test_spellings_expand_both_ways():
    forms = {" ".join(s) for s in spellings(fold_phrase("Ủy ban nhân dân tỉnh"))}
    assert " ".join(fold_phrase("UBND tỉnh")) in forms
    back = {" ".join(s) for s in spellings(fold_phrase("UBND tỉnh"))}
    assert " ".join(fold_phrase("Ủy ban nhân dân tỉnh")) in back


def test_bad_files_raise_the_project_error():
    row = {"id": "x.a", "canonical": "A", "kind": "board", "level": None}
    with pytest.raises(GazetteerError, match="duplicate"):
        build_gazetteer([row, row])
    with pytest.raises(GazetteerError, match="successor"):
        build_gazetteer([{**row, "successor": "x.missing"}])
    with pytest.raises(GazetteerError, match="lacks field"):
        build_gazetteer([{"id": "x.b"}])


def test_lexicon_files_have_what_the_code_reads():
    from pipeline.resources import load_json

    needs = {
        "heads.json": ["strong_heads", "weak_heads", "non_agency", "titles", "complete_titles", "kinds", "plural",
                       "completion", "genitive_heads", "genitive_preps", "modifiers", "group_clauses", "distributive",
                       "distributive_places", "distributive_titles", "verb_like_kinds", "loc_kinds_taking_names", "not_name_words",
                       "level_words", "description_preps", "object_preps", "descriptive_heads"],
        "qualifiers.json": ["drop_starts", "drop_continuations", "trailing", "paren_keep", "apposition_heads",
                            "field_labels", "heading_prefixes", "heading_tails", "heading_cuts", "list_connectors", "apposition_openers"],
        "roles.json": ["lead_cues", "support_cues", "not_support_before", "triggers", "requester_verbs", "issuer_verbs",
                       "directing", "intro", "not_predicate", "adverbs", "leadin_tails", "leadin_purpose", "stop_words",
                       "subject_cues", "main_verbs", "aspect_markers", "compound_words", "support_joined_verbs", "support_openers", "lead_references", "function_words"],
        "abbreviations.json": ["phrases", "locatives"],
    }
    for name, keys in needs.items():
        data = load_json("agencies", name)
        for key in keys:
            assert data.get(key), f"{name} lacks {key}"
            values = data[key].values() if isinstance(data[key], dict) else data[key]
            for v in values:
                assert v is not None and (not isinstance(v, str) or v.strip()), f"{name}:{key} has an empty entry"


def test_every_kind_class_the_code_uses_has_words():
    from pipeline.agencies.lexicon import KIND_CLASSES, lexicon
    from pipeline.resources import load_json

    kinds = load_json("agencies", "heads.json")["kinds"]
    assert set(KIND_CLASSES) == set(kinds)
    lex = lexicon()
    assert lex.conj == fold_phrase("và")[0] and lex.area == fold_phrase("trên địa bàn")
    assert lex.level_words[fold_phrase("cấp xã")] == "commune"
