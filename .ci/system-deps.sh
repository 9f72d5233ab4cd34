#!/bin/sh
# Debian packages some tests use: Chromium (the review page's browser test) and
# DejaVu fonts (a Vietnamese PDF made in a test). Installed when missing and
# possible; without them those tests are skipped with a reason, never failed.
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need="$need fonts-dejavu-core"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y --no-install-recommends $need >/dev/null 2>&1 ||
     (apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $need >/dev/null 2>&1)) ||
        echo "system-deps: could not install:$need (tests needing them will be skipped)"
else
    echo "system-deps: not root or no apt-get; missing:$need (tests needing them will be skipped)"
fi
exit 0
