#!/usr/bin/env python
"""Screenshots of the review page at 1400 px wide (docs/review*.png), from any `qianyue predict` JSONL output.

    python scripts/review_screenshots.py PREDICTIONS.jsonl [OUT_DIR]

Needs chromium + chromium-driver and a CJK font (Debian: fonts-noto-cjk) so the Chinese renders."""
from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium.webdriver.common.by import By

from qianyue.review.browser import headless_chromium, quit_chromium
from qianyue.review.server import make_server


def wait_for(condition, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise SystemExit("the page did not get ready")


def main(argv) -> int:
    predictions = Path(argv[0])
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    scratch = Path(tempfile.mkdtemp(prefix="qianyue-shots-"))
    server = make_server(predictions, scratch / "corrections.jsonl", port=0)  # never touches real corrections
    threading.Thread(target=server.serve_forever, daemon=True).start()
    web = headless_chromium(1400, 900)
    try:
        web.get(f"http://127.0.0.1:{server.server_address[1]}/")
        wait_for(lambda: web.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
        web.find_element(By.ID, "f-sort").find_element(By.CSS_SELECTOR, "option[value='confidence']").click()
        web.find_elements(By.CSS_SELECTOR, "#articles li")[0].click()
        web.find_element(By.CSS_SELECTOR, ".rec[data-index='0'] .rec-head").click()
        time.sleep(0.5)
        web.save_screenshot(str(out_dir / "review.png"))
        web.find_element(By.ID, "f-low").click()
        time.sleep(0.5)
        web.save_screenshot(str(out_dir / "review-filtered.png"))
    finally:
        quit_chromium(web)
        server.shutdown()
    print(f"wrote {out_dir / 'review.png'} and {out_dir / 'review-filtered.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
