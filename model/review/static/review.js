// qianyue review page. Every piece of article or record text reaches the page through textContent or an input's
// value, never through innerHTML: an article containing markup shows it as text.
"use strict";

const LABELS = ["PARTY", "OFFICIAL", "TITLE", "DATE", "AMOUNT", "AGREEMENT"];
const KINDS = ["government", "enterprise", "organization"];
const ROLES = ["signatory", "witness"];
let DATA = { articles: [], saved: {} };
const reviews = {};          // article index -> {records: [{status, record}], added_spans: [[s, e, label]]}
let current = null;          // article index shown
let selectedRecord = null;   // record index highlighted in the text

function $(id) { return document.getElementById(id); }

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setStatus(message, isError) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", !!isError);
}

function copy(obj) { return JSON.parse(JSON.stringify(obj)); }

// ----------------------------------------------------------------------------------------------- model of a review
function reviewOf(index) {
  if (!reviews[index]) {
    const article = DATA.articles[index];
    // an article saved before (in an earlier session) opens with its saved corrections, so saving it again keeps them
    const saved = DATA.reviews && DATA.reviews[index];
    reviews[index] = saved ? copy(saved) : {
      records: article.agreements.map(a => ({ status: "unreviewed", record: copy(a) })),
      added_spans: [],
    };
  }
  return reviews[index];
}

function entityScore(article, label, start, end) {
  let best = null;
  for (const e of article.entities) {
    if (e.label !== label) continue;
    if (e.start === start && e.end === end) return e.score;
    if (e.start < end && start < e.end) best = best === null ? e.score : Math.min(best, e.score);
  }
  return best;
}

function dateEvidence(article, record) {
  // the DATE entity the record's date_text came from: the same text, nearest the record's sentence
  if (!record.date_text) return null;
  const anchor = record.evidence ? record.evidence.start : 0;
  let best = null;
  for (const e of article.entities) {
    if (e.label === "DATE" && e.text === record.date_text) {
      if (!best || Math.abs(e.start - anchor) < Math.abs(best.start - anchor)) best = e;
    }
  }
  return best ? { start: best.start, end: best.end, text: best.text, score: best.score } : null;
}

function minConfidence(article) {
  return article.agreements.length ? Math.min(...article.agreements.map(a => a.confidence)) : null;
}

// ------------------------------------------------------------------------------------------------------ filtering
function filters() {
  return {
    low: $("f-low").checked, threshold: parseFloat($("f-threshold").value || "0"),
    nodate: $("f-nodate").checked, noamount: $("f-noamount").checked,
    unreviewed: $("f-unreviewed").checked, label: $("f-label").value, sort: $("f-sort").value,
  };
}

function recordMatches(record, f) {
  if (f.low && !(record.confidence < f.threshold)) return false;
  if (f.nodate && record.date) return false;
  if (f.noamount && record.amounts && record.amounts.length) return false;
  return true;
}

function articleMatches(index, f) {
  const article = DATA.articles[index];
  if (f.unreviewed && DATA.saved[index]) return false;
  if (f.label && !article.entities.some(e => e.label === f.label)) return false;
  if (f.low || f.nodate || f.noamount) return article.agreements.some(r => recordMatches(r, f));
  return true;
}

function renderList() {
  const f = filters();
  let indices = DATA.articles.map((_, i) => i).filter(i => articleMatches(i, f));
  const title = i => DATA.articles[i].title || DATA.articles[i].source || "";
  if (f.sort === "confidence") {
    const key = i => { const c = minConfidence(DATA.articles[i]); return c === null ? 2 : c; };
    indices.sort((a, b) => key(a) - key(b));
  } else if (f.sort === "records") {
    indices.sort((a, b) => DATA.articles[b].agreements.length - DATA.articles[a].agreements.length);
  } else if (f.sort === "title") {
    indices.sort((a, b) => title(a).localeCompare(title(b), "zh-CN"));
  }
  $("count").textContent = `${indices.length} of ${DATA.articles.length} articles`;
  const list = $("articles");
  list.replaceChildren();
  for (const i of indices) {
    const article = DATA.articles[i];
    const conf = minConfidence(article);
    const badges = [];
    if (conf !== null && conf < f.threshold) badges.push(el("span", { class: "badge low", text: `min ${conf.toFixed(2)}` }));
    if (article.agreements.some(r => !r.date)) badges.push(el("span", { class: "badge warn", text: "no date" }));
    if (DATA.saved[i]) badges.push(el("span", { class: "badge saved", text: "saved" }));
    const shown = f.low || f.nodate || f.noamount
      ? article.agreements.filter(r => recordMatches(r, f)).length + " matching of " : "";
    list.append(el("li", { class: i === current ? "current" : null, dataset: { index: i }, onclick: () => showArticle(i) },
      el("span", { class: "a-name", text: title(i) || "(untitled)" }),
      el("span", { class: "a-info", text: `${shown}${article.agreements.length} records · ${article.published || "no date"} ` }),
      badges));
  }
}

// --------------------------------------------------------------------------------------------------- article text
function renderText(index) {
  const article = DATA.articles[index];
  const review = reviewOf(index);
  const text = article.text;
  const f = filters();
  const cuts = new Set([0, text.length]);
  const ents = article.entities.map(e => [e.start, e.end, e.label, e.score, false])
    .concat(review.added_spans.map(([s, e, label]) => [s, e, label, null, true]));
  for (const [s, e] of ents) { cuts.add(s); cuts.add(e); }
  for (const r of article.agreements) if (r.evidence) { cuts.add(r.evidence.start); cuts.add(r.evidence.end); }
  const points = [...cuts].filter(p => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const box = $("text");
  box.replaceChildren();
  box.classList.toggle("only-label", !!f.label);
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k], e = points[k + 1];
    if (s === e) continue;
    const seg = el("span", { class: "seg", dataset: { start: s, end: e } }, text.slice(s, e));
    const ent = ents.find(x => x[0] <= s && e <= x[1]);
    if (ent) {
      seg.classList.add("ent", ent[2]);
      if (ent[0] === s) seg.classList.add("start");
      if (ent[4]) seg.classList.add("added");
      if (f.label === ent[2]) seg.classList.add("shown");
      seg.title = ent[3] === null ? `${ent[2]} (added)` : `${ent[2]} ${ent[3].toFixed(2)}`;
    }
    box.append(seg);
  }
}

function highlight(ranges, className, scroll) {
  const box = $("text");
  box.querySelectorAll("." + className).forEach(n => n.classList.remove(className));
  let first = null;
  for (const seg of box.querySelectorAll(".seg")) {
    const s = +seg.dataset.start, e = +seg.dataset.end;
    if (ranges.some(([rs, re]) => rs <= s && e <= re)) {
      seg.classList.add(className);
      first = first || seg;
    }
  }
  if (scroll && first) first.scrollIntoView({ block: "center" });
}

function focusRecord(k) {
  selectedRecord = k;
  const article = DATA.articles[current];
  const entry = reviewOf(current).records[k];
  document.querySelectorAll(".rec").forEach(n => n.classList.toggle("selected", +n.dataset.index === k));
  const rec = entry.record;
  const sentence = rec.evidence ? [[rec.evidence.start, rec.evidence.end]] : [];
  const hits = [];
  for (const item of [...(rec.parties || []), ...(rec.officials || []), ...(rec.amounts || [])]) {
    if (item.evidence) hits.push([item.evidence.start, item.evidence.end]);
  }
  const date = dateEvidence(article, rec);
  if (date) hits.push([date.start, date.end]);
  highlight(sentence, "focus", true);
  highlight(hits, "hit", !sentence.length);
}

// ------------------------------------------------------------------------------------------------------- records
function scoreCell(score, threshold) {
  if (score === null || score === undefined) return el("td", { class: "score", text: "–" });
  return el("td", { class: "score" + (score < threshold ? " low" : ""), text: score.toFixed(2) });
}

function evidenceCell(evidence) {
  if (!evidence) return el("td", { class: "ev", text: "(no evidence)" });
  return el("td", { class: "ev", title: "show in the text", onclick: () => highlight([[evidence.start, evidence.end]], "hit", true) },
    `«${evidence.text}» @${evidence.start}`);
}

function markCorrected(k) {
  const entry = reviewOf(current).records[k];
  if (entry.status !== "added") entry.status = "corrected";
  const card = document.querySelector(`.rec[data-index="${k}"]`);
  if (card) {
    card.className = "rec corrected" + (selectedRecord === k ? " selected" : "");
    if (entry.status === "added") card.classList.replace("corrected", "added");
    card.querySelector(".status").textContent = entry.status;
  }
  setStatus("unsaved changes");
}

function input(k, obj, key, field, width) {
  return el("input", { type: "text", value: obj[key] === null || obj[key] === undefined ? "" : String(obj[key]),
    dataset: { field }, size: width || 8,
    oninput: ev => { obj[key] = ev.target.value; markCorrected(k); } });
}

function choice(k, obj, key, options, field) {
  const select = el("select", { dataset: { field }, onchange: ev => { obj[key] = ev.target.value; markCorrected(k); } },
    options.map(o => el("option", { value: o, text: o })));
  select.value = obj[key] || options[0];
  return select;
}

function removeButton(k, list, position) {
  return el("button", { class: "rm", type: "button", title: "remove", text: "×",
    onclick: () => { list.splice(position, 1); markCorrected(k); renderRecords(); } });
}

function selectionOffsets() {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const box = $("text");
  if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return null;
  const pos = (node, offset) => {
    if (node.nodeType === Node.TEXT_NODE) return +node.parentElement.closest(".seg").dataset.start + offset;
    const child = node.childNodes[offset];
    if (child && child.dataset && child.dataset.start !== undefined) return +child.dataset.start;
    const seg = node.closest ? node.closest(".seg") : null;
    return seg ? +seg.dataset.end : null;
  };
  let s = pos(range.startContainer, range.startOffset), e = pos(range.endContainer, range.endOffset);
  if (s === null || e === null || e <= s) return null;
  const text = DATA.articles[current].text;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return s < e ? [s, e, text.slice(s, e)] : null;
}

function addFromSelection(k, kind) {
  const picked = selectionOffsets();
  if (!picked) { setStatus("select the name in the article text first", true); return; }
  const [s, e, value] = picked;
  const review = reviewOf(current);
  const rec = review.records[k].record;
  const evidence = { start: s, end: e, text: value };
  if (kind === "party") {
    rec.parties = rec.parties || [];
    rec.parties.push({ name: value, kind: /政府|委员会|管委会|厅|局|省|市|县|区$/.test(value) ? "government" : "enterprise",
      aliases: [], evidence });
    review.added_spans.push([s, e, "PARTY"]);
  } else {
    rec.officials = rec.officials || [];
    rec.officials.push({ name: value, title: null, party: null, role: "witness", evidence });
    review.added_spans.push([s, e, "OFFICIAL"]);
  }
  markCorrected(k);
  renderText(current);
  renderRecords();
  focusRecord(k);
}

function setRecordStatus(k, status) {
  const entry = reviewOf(current).records[k];
  entry.status = entry.status === status ? "unreviewed" : status;
  renderRecords();
  setStatus("unsaved changes");
}

function renderRecords() {
  const article = DATA.articles[current];
  const review = reviewOf(current);
  const threshold = filters().threshold;
  const box = $("records");
  box.replaceChildren();
  if (!review.records.length) box.append(el("p", { text: "No agreement signed (no records). Use “+ record” if one was missed." }));
  review.records.forEach((entry, k) => {
    const rec = entry.record;
    const conf = typeof rec.confidence === "number" ? rec.confidence : null;
    const rows = [];
    rows.push(el("tr", {}, el("th", { text: "title" }), el("td", { colspan: 3 }, input(k, rec, "title", `title`, 30))));
    const date = dateEvidence(article, rec);
    rows.push(el("tr", {}, el("th", { text: "date" }),
      el("td", {}, input(k, rec, "date", "date", 10), " ", input(k, rec, "date_text", "date_text", 8)),
      date ? evidenceCell(date) : el("td", { class: "ev", text: rec.date_text ? `«${rec.date_text}»` : "(no date)" }),
      scoreCell(date ? date.score : null, threshold)));
    (rec.parties || []).forEach((p, i) => {
      const score = p.evidence ? entityScore(article, "PARTY", p.evidence.start, p.evidence.end) : null;
      rows.push(el("tr", { class: "party" }, el("th", { text: `party ${i + 1}` }),
        el("td", {}, input(k, p, "name", `parties.${i}.name`, 14), " ", choice(k, p, "kind", KINDS, `parties.${i}.kind`),
          " aka ", el("input", { type: "text", size: 10, dataset: { field: `parties.${i}.aliases` },
            value: (p.aliases || []).join("、"),
            oninput: ev => { p.aliases = ev.target.value.split(/[、,，]/).map(x => x.trim()).filter(Boolean); markCorrected(k); } }),
          removeButton(k, rec.parties, i)),
        evidenceCell(p.evidence), scoreCell(score, threshold)));
    });
    (rec.officials || []).forEach((o, i) => {
      const score = o.evidence ? entityScore(article, "OFFICIAL", o.evidence.start, o.evidence.end) : null;
      rows.push(el("tr", { class: "official" }, el("th", { text: `official ${i + 1}` }),
        el("td", {}, input(k, o, "name", `officials.${i}.name`, 6), " ", input(k, o, "title", `officials.${i}.title`, 10),
          " ", input(k, o, "party", `officials.${i}.party`, 10), " ", choice(k, o, "role", ROLES, `officials.${i}.role`),
          removeButton(k, rec.officials, i)),
        evidenceCell(o.evidence), scoreCell(score, threshold)));
    });
    (rec.amounts || []).forEach((a, i) => {
      const score = a.evidence ? entityScore(article, "AMOUNT", a.evidence.start, a.evidence.end) : null;
      rows.push(el("tr", { class: "amount" }, el("th", { text: `amount ${i + 1}` }),
        el("td", {}, input(k, a, "text", `amounts.${i}.text`, 8), " = ", input(k, a, "value", `amounts.${i}.value`, 12),
          " ", input(k, a, "purpose", `amounts.${i}.purpose`, 4), removeButton(k, rec.amounts, i)),
        evidenceCell(a.evidence), scoreCell(score, threshold)));
    });
    const card = el("div", { class: `rec ${entry.status}` + (selectedRecord === k ? " selected" : ""), dataset: { index: k } },
      el("div", { class: "rec-head", onclick: () => focusRecord(k) },
        el("b", { text: `#${k + 1}` }), el("span", { text: rec.title || "(untitled agreement)" }),
        el("span", { class: "status", text: entry.status }),
        el("span", { class: "conf" + (conf !== null && conf < threshold ? " low" : ""),
          text: conf === null ? "added" : `confidence ${conf.toFixed(2)}` })),
      rec.evidence ? el("div", { class: "ev", onclick: () => focusRecord(k), text: `«${rec.evidence.text}»` }) : null,
      el("div", { class: "actions" },
        el("button", { type: "button", class: "accept", text: entry.status === "accepted" ? "✓ accepted" : "Accept",
          onclick: () => setRecordStatus(k, "accepted") }),
        el("button", { type: "button", class: "drop", text: entry.status === "dropped" ? "Restore" : "Drop",
          onclick: () => setRecordStatus(k, "dropped") }),
        el("button", { type: "button", class: "add-party", text: "+ party from selection", onclick: () => addFromSelection(k, "party") }),
        el("button", { type: "button", class: "add-official", text: "+ official from selection", onclick: () => addFromSelection(k, "official") }),
        el("button", { type: "button", class: "add-amount", text: "+ amount",
          onclick: () => { rec.amounts = rec.amounts || []; rec.amounts.push({ text: "", value: null, currency: "CNY", purpose: null, evidence: null }); markCorrected(k); renderRecords(); } })),
      el("table", {}, rows));
    box.append(card);
  });
}

function showArticle(index) {
  current = index;
  selectedRecord = null;
  const article = DATA.articles[index];
  $("empty").hidden = true;
  $("article").hidden = false;
  $("a-title").textContent = article.title || article.source || "(untitled)";
  $("a-meta").textContent = `${article.source || ""} · published ${article.published || "?"} · ${article.agreements.length} records`
    + (DATA.saved[index] ? " · corrections saved" : "");
  renderText(index);
  renderRecords();
  renderList();
}

async function save() {
  if (current === null) return;
  const review = reviewOf(current);
  const body = JSON.stringify({ index: current, review: {
    records: review.records.map(r => ({ status: r.status, record: r.record })),
    added_spans: review.added_spans } });
  setStatus("saving…");
  try {
    const response = await fetch("/api/save", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || response.statusText);
    DATA.saved[current] = answer.correction;
    setStatus(`saved to ${answer.corrections}`);
    renderList();
  } catch (err) {
    setStatus(`not saved: ${err.message}`, true);
  }
}

async function main() {
  for (const id of ["f-low", "f-threshold", "f-nodate", "f-noamount", "f-unreviewed", "f-label", "f-sort"]) {
    $(id).addEventListener("input", () => {
      renderList();
      if (current !== null) {
        renderText(current);
        renderRecords();
        if (selectedRecord !== null) focusRecord(selectedRecord);  // keep the record's evidence lit
      }
    });
  }
  $("save").addEventListener("click", save);
  $("new-record").addEventListener("click", () => {
    if (current === null) return;
    const review = reviewOf(current);
    review.records.push({ status: "added", record: { title: "", parties: [], officials: [], date: null, date_text: null,
      amounts: [], evidence: null, confidence: null } });
    renderRecords();
    setStatus("unsaved changes");
  });
  try {
    const response = await fetch("/api/data");
    DATA = await response.json();
  } catch (err) {
    setStatus(`cannot load the predictions: ${err.message}`, true);
    return;
  }
  $("files").textContent = `${DATA.predictions} → ${DATA.corrections}`;
  document.body.dataset.ready = "1";
  renderList();
  if (DATA.articles.length) showArticle(0);
}

main();
