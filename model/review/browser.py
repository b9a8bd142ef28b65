"""A headless Chromium for the review page's browser test and its screenshots (selenium + Debian's chromium and
chromium-driver). Nothing here runs in normal use; the flags keep the browser off the network and away from any
profile of the user's."""
from __future__ import annotations

import shutil
import tempfile
from typing import Optional

CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")


def find_chromium() -> tuple[Optional[str], Optional[str]]:
    """(browser, driver) paths, or None where missing."""
    browser = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    return browser, shutil.which("chromedriver")


def headless_chromium(width: int = 1400, height: int = 900):
    """A selenium WebDriver on a fresh profile directory (removed by quit_chromium)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = find_chromium()
    if not browser or not driver:
        raise RuntimeError("chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="qianyue-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    web = webdriver.Chrome(service=Service(driver), options=options)
    web.qianyue_profile = profile
    return web


def quit_chromium(web) -> None:
    try:
        web.quit()
    finally:
        shutil.rmtree(getattr(web, "qianyue_profile", ""), ignore_errors=True)
