"""Issue 15: the review page driven in a real headless Chromium (Debian chromium + chromium-driver, selenium):
open, filter, click a record, correct a field, add an official by selecting text, save, check the saved file.
Needs no model: the predictions are written here in `qianyue predict`'s JSONL format."""
from __future__ import annotations

import json
import os
import threading
import time

import pytest

from qianyue.review.browser import find_chromium, headless_chromium, quit_chromium
from qianyue.review.corrections import text_sha256
from qianyue.review.server import make_server

# CI (.ci/run) installs chromium and sets QIANYUE_REQUIRE_BROWSER=1: there a missing browser fails instead of skipping
pytestmark = pytest.mark.skipif(None in find_chromium() and not os.environ.get("QIANYUE_REQUIRE_BROWSER"),
                                reason="needs chromium and chromedriver (apt-get install chromium chromium-driver)")

INJECTION = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"


def prediction(source, text, records, entities, published="2022-06-15"):
    return {"source": source, "published": published, "title": text.split("\n")[0], "text": text,
            "agreements": records, "entities": entities}


def ent(text, label, value, score, after=0):
    start = text.index(value, after)
    return {"label": label, "text": value, "start": start, "end": start + len(value), "score": score}


def ev(text, value):
    start = text.index(value)
    return {"start": start, "end": start + len(value), "text": value}


def make_predictions(path):
    t1 = "安徽签约\n6月14日，安徽省人民政府与中国联通签署战略合作框架协议。省长王清宪和董事长刘烈宏见证签约。"
    sentence = "6月14日，安徽省人民政府与中国联通签署战略合作框架协议。"
    e1 = [ent(t1, "DATE", "6月14日", 0.97), ent(t1, "PARTY", "安徽省人民", 0.41), ent(t1, "PARTY", "中国联通", 0.95),
          ent(t1, "TITLE", "省长", 0.9), ent(t1, "OFFICIAL", "王清宪", 0.93)]
    r1 = {"title": "战略合作框架协议", "date": "2022-06-14", "date_text": "6月14日", "evidence": ev(t1, sentence),
          "confidence": 0.42, "amounts": [],
          "parties": [{"name": "安徽省人民", "kind": "government", "aliases": [], "evidence": ev(t1, "安徽省人民")},
                      {"name": "中国联通", "kind": "enterprise", "aliases": [], "evidence": ev(t1, "中国联通")}],
          "officials": [{"name": "王清宪", "title": "省长", "party": "安徽省人民政府", "role": "witness",
                         "evidence": ev(t1, "王清宪")}]}
    t2 = "吉林签约\n吉林省政府与中国电信集团公司签订合作协议，总投资100亿元。"
    e2 = [ent(t2, "PARTY", "吉林省政府", 0.99), ent(t2, "PARTY", "中国电信集团公司", 0.98),
          ent(t2, "AMOUNT", "100亿元", 0.97)]
    r2 = {"title": "合作协议", "date": "2022-03-05", "date_text": None, "evidence": ev(t2, t2.split("\n")[1]),
          "confidence": 0.96, "officials": [],
          "parties": [{"name": "吉林省政府", "kind": "government", "aliases": [], "evidence": ev(t2, "吉林省政府")},
                      {"name": "中国电信集团公司", "kind": "enterprise", "aliases": [], "evidence": ev(t2, "中国电信集团公司")}],
          "amounts": [{"text": "100亿元", "value": 1e10, "currency": "CNY", "purpose": "投资", "evidence": ev(t2, "100亿元")}]}
    t3 = "标记测试\n" + INJECTION + "与会各方交流。"
    lines = [prediction("a1.txt", t1, [r1], e1), prediction("a2.txt", t2, [r2], e2), prediction("a3.html", t3, [], [])]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return lines


@pytest.fixture
def served(tmp_path):
    preds = tmp_path / "out.jsonl"
    lines = make_predictions(preds)
    server = make_server(preds, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    web = headless_chromium()
    try:
        yield web, f"http://127.0.0.1:{server.server_address[1]}/", server, lines
    finally:
        quit_chromium(web)
        server.shutdown()
        server.server_close()


def wait_for(condition, timeout=90):  # generous: a loaded 2-core machine starts Chromium slowly
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_review_page_filter_click_correct_save(served):
    from selenium.webdriver.common.by import By

    web, url, server, lines = served
    web.get(url)
    wait_for(lambda: web.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    items = lambda: web.find_elements(By.CSS_SELECTOR, "#articles li")
    assert len(items()) == 3

    # the article with markup in its text shows it as text and runs none of it
    items()[2].click()
    text_box = web.find_element(By.ID, "text")
    assert INJECTION in text_box.text
    assert text_box.find_elements(By.TAG_NAME, "script") == [] and text_box.find_elements(By.TAG_NAME, "img") == []
    assert web.execute_script("return window.pwned === undefined")

    # filter: records with confidence below 0.5 -> only a1; no amount -> a1 (a3 has no records)
    web.find_element(By.ID, "f-low").click()
    threshold = web.find_element(By.ID, "f-threshold")
    threshold.clear()
    threshold.send_keys("0.5")
    wait_for(lambda: len(items()) == 1)
    assert "安徽签约" in items()[0].text
    web.find_element(By.ID, "f-low").click()
    web.find_element(By.ID, "f-noamount").click()
    wait_for(lambda: [li.text.split("\n")[0] for li in items()] == ["安徽签约"])
    web.find_element(By.ID, "f-noamount").click()
    wait_for(lambda: len(items()) == 3)

    # open a1, click its record: the evidence sentence and the record's entities light up
    items()[0].click()
    card = web.find_element(By.CSS_SELECTOR, ".rec[data-index='0']")
    assert "0.42" in card.text and "«安徽省人民» @" in card.text  # confidence, evidence and score per field
    assert "0.41" in card.find_element(By.CSS_SELECTOR, "tr.party").text
    card.find_element(By.CSS_SELECTOR, ".rec-head").click()
    focus = "".join(s.text for s in web.find_elements(By.CSS_SELECTOR, "#text .focus"))
    assert focus == lines[0]["agreements"][0]["evidence"]["text"]
    hits = {s.text for s in web.find_elements(By.CSS_SELECTOR, "#text .hit")}
    assert {"安徽省人民", "中国联通", "王清宪", "6月14日"} <= hits

    # fix a field: the government's name was cut short
    name = card.find_element(By.CSS_SELECTOR, "input[data-field='parties.0.name']")
    name.clear()
    name.send_keys("安徽省人民政府")
    # add a missed official by selecting his name in the text
    text = lines[0]["text"]
    start = text.index("刘烈宏")
    web.execute_script("""
        const [s, e] = arguments;
        const segs = [...document.querySelectorAll('#text .seg')];
        const seg = segs.find(x => +x.dataset.start <= s && e <= +x.dataset.end);
        const node = seg.firstChild, base = +seg.dataset.start;
        const range = document.createRange();
        range.setStart(node, s - base); range.setEnd(node, e - base);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);""", start, start + 3)
    web.find_element(By.CSS_SELECTOR, ".rec[data-index='0'] .add-official").click()
    role = web.find_element(By.CSS_SELECTOR, ".rec[data-index='0'] select[data-field='officials.1.role']")
    assert web.find_element(By.CSS_SELECTOR, "input[data-field='officials.1.name']").get_attribute("value") == "刘烈宏"
    role.find_element(By.CSS_SELECTOR, "option[value='witness']").click()
    web.find_element(By.ID, "save").click()
    wait_for(lambda: web.find_element(By.ID, "status").text.startswith("saved to"))

    # the saved file: one stand-off line for a1 with the corrected record and spans
    saved = [json.loads(x) for x in server.state.corrections.path.read_text(encoding="utf-8").splitlines()]
    assert len(saved) == 1
    line = saved[0]
    assert line["doc"] == "a1.txt" and line["sha256"] == text_sha256(text) and "text" not in line
    assert line["review"]["corrected"] == [0]
    (record,) = line["agreements"]
    assert [p["name"] for p in record["parties"]] == ["安徽省人民政府", "中国联通"]
    assert {"name": "刘烈宏", "title": None, "party": None, "role": "witness"} in record["officials"]
    gov = text.index("安徽省人民政府")
    assert [gov, gov + 7, "PARTY"] in line["spans"] and [start, start + 3, "OFFICIAL"] in line["spans"]
    assert [gov, gov + 5, "PARTY"] not in line["spans"]
    # the list marks the article as saved
    wait_for(lambda: "saved" in items()[0].text)
