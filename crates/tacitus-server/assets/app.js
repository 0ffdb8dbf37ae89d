/*
 * tacitus dashboard: plain JavaScript over the JSON API of `tacitus serve` (no framework and no
 * build step; uPlot draws the series, Leaflet the map, both vendored under /assets/vendor/).
 *
 * Choosing actors: typing in #actor-search lists matching actors (names and codes). Picking a
 * suggestion (click, or arrow keys and Enter) sets the *source* when none is chosen yet and the
 * *target* otherwise; each suggestion also has explicit "source" and "target" buttons. The ×
 * buttons clear a side (clearing the source promotes the target) and ⇄ swaps them. With only a
 * source the series is that actor with anyone (`actor=`); with both, the dyad (`source=`, `target=`).
 *
 * The chart: drag across it to zoom in on time, "Reset zoom" (or a double click) zooms out; a click
 * without dragging lists the events of the bucket under the pointer.
 *
 * The filter lives in the URL (?source=KAZ&target=RUS&by=week&since=…&until=…) so a view can be
 * shared. window.tacitus = { chart, data, state } is for tests: `chart` is the uPlot instance and
 * `data.buckets` the chart's buckets ({ start, end, x (the middle, unix seconds), events, quad,
 * goldstein }).
 */
"use strict";

(() => {
  const QUADS = [
    { name: "Verbal cooperation", color: "#6baed6" },
    { name: "Material cooperation", color: "#31a354" },
    { name: "Verbal conflict", color: "#fd8d3c" },
    { name: "Material conflict", color: "#d7301f" },
  ];
  const GOLDSTEIN_COLOR = "#3f2a8c";
  const PERIODS = ["day", "week", "month"];
  const PAGE_SIZE = 50;
  /** Gap filling stops here, so that a wide range of daily buckets cannot freeze the page. */
  const MAX_BUCKETS = 20000;

  const state = { source: null, target: null, by: "week", since: "", until: "", bucket: null };
  const data = { buckets: [], cursor: null };
  let chart = null;
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- API and errors

  /** GETs (or POSTs `body` to) an API path; rejects with the server's `error` message. */
  async function api(path, params = {}, body = undefined) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== "") query.set(k, v);
    }
    const url = query.toString() ? `${path}?${query}` : path;
    const init = body === undefined ? {} : {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    };
    const res = await fetch(url, init);
    let json = null;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    if (!res.ok) {
      throw new Error((json && json.error) || `${res.status} ${res.statusText}`);
    }
    if (json === null) throw new Error(`${path} did not answer JSON`);
    return json;
  }

  function showError(what, err) {
    $("error-text").textContent = `${what}: ${err.message}`;
    $("error").hidden = false;
  }

  function clearError() {
    $("error").hidden = true;
  }

  // ---------------------------------------------------------------- small helpers

  /** Creates an element with attributes and children (strings become text, never HTML). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined && c !== false) node.append(c);
    }
    return node;
  }

  const fmtSigned = (v, digits = 1) => (v === null || v === undefined ? "–" : (v > 0 ? "+" : "") + v.toFixed(digits));
  const fmtCount = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const actorLabel = (a) => (a ? `${a.name || a.code} (${a.code})` : "anyone");

  /** The first day (YYYY-MM-DD) of a `period` as /api/dyad names it (YYYY, YYYY-MM or a date). */
  function periodStart(period) {
    if (/^\d{4}$/.test(period)) return `${period}-01-01`;
    if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
    return period;
  }

  /** `date` moved by `n` buckets of size `by`, in UTC. */
  function addPeriod(date, by, n) {
    const d = new Date(`${date}T00:00:00Z`);
    if (by === "day") d.setUTCDate(d.getUTCDate() + n);
    else if (by === "week") d.setUTCDate(d.getUTCDate() + 7 * n);
    else if (by === "month") d.setUTCMonth(d.getUTCMonth() + n);
    else d.setUTCFullYear(d.getUTCFullYear() + n);
    return d.toISOString().slice(0, 10);
  }

  const unixSeconds = (date) => Date.parse(`${date}T00:00:00Z`) / 1000;

  function periodLabel(bucket, by) {
    if (by === "month") return bucket.start.slice(0, 7);
    if (by === "week") return `week of ${bucket.start}`;
    return bucket.start;
  }

  // ---------------------------------------------------------------- header

  async function loadHealth() {
    try {
      const h = await api("/api/health");
      const parts = [
        fmtCount(h.documents, "document", "documents"),
        fmtCount(h.events, "event mention", "event mentions"),
        fmtCount(h.clusters, "merged event", "merged events"),
        h.writes ? "writable" : "read-only",
        `v${h.version}`,
      ];
      $("totals").textContent = parts.join(" · ");
    } catch (err) {
      $("totals").textContent = "Store totals unavailable";
      showError("Could not read the store's totals", err);
    }
  }

  // ---------------------------------------------------------------- actor search and dyad

  let searchTimer = 0;
  let searchSeq = 0;
  let suggestions = [];
  let activeSuggestion = -1;

  function onSearchInput() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 150);
  }

  async function runSearch() {
    const q = $("actor-search").value.trim();
    const seq = ++searchSeq;
    if (!q) {
      hideSuggestions();
      return;
    }
    try {
      const res = await api("/api/actors", { q, limit: 20 });
      if (seq === searchSeq) renderSuggestions(res.actors);
    } catch (err) {
      if (seq === searchSeq) showError("Actor search failed", err);
    }
  }

  function renderSuggestions(actors) {
    suggestions = actors;
    activeSuggestion = -1;
    const list = $("suggestions");
    list.replaceChildren();
    if (!actors.length) {
      list.append(el("li", { class: "empty", role: "option", "aria-disabled": "true" }, "No matching actor"));
    }
    actors.forEach((a, i) => {
      const label = actorLabel(a);
      list.append(el("li", {
        id: `suggestion-${i}`, role: "option", "data-code": a.code, "aria-selected": "false",
        onclick: () => pick(a),
      },
      el("span", { class: "name" }, a.name || a.code),
      el("code", { class: "code" }, a.code),
      el("span", { class: "count" }, fmtCount(a.events, "event", "events")),
      el("span", { class: "assign" },
        el("button", { type: "button", tabindex: "-1", "aria-label": `Set ${label} as source`, onclick: (e) => assignFromButton(e, a, "source") }, "source"),
        el("button", { type: "button", tabindex: "-1", "aria-label": `Set ${label} as target`, onclick: (e) => assignFromButton(e, a, "target") }, "target"))));
    });
    list.hidden = false;
    $("actor-search").setAttribute("aria-expanded", "true");
  }

  function hideSuggestions() {
    $("suggestions").hidden = true;
    $("actor-search").setAttribute("aria-expanded", "false");
    $("actor-search").removeAttribute("aria-activedescendant");
    activeSuggestion = -1;
  }

  function moveActive(step) {
    if (!suggestions.length) return;
    activeSuggestion = (activeSuggestion + step + suggestions.length) % suggestions.length;
    $("suggestions").querySelectorAll("li[role=option]").forEach((li, i) => {
      li.setAttribute("aria-selected", String(i === activeSuggestion));
    });
    const id = `suggestion-${activeSuggestion}`;
    $("actor-search").setAttribute("aria-activedescendant", id);
    $(id).scrollIntoView({ block: "nearest" });
  }

  function onSearchKey(e) {
    if (e.key === "ArrowDown") moveActive(1);
    else if (e.key === "ArrowUp") moveActive(-1);
    else if (e.key === "Escape") hideSuggestions();
    else if (e.key === "Enter" && !$("suggestions").hidden && suggestions.length) {
      pick(suggestions[Math.max(0, activeSuggestion)]);
    } else return;
    e.preventDefault();
  }

  function assignFromButton(e, actor, side) {
    e.stopPropagation();
    assign(actor, side);
  }

  /** The default assignment: the first pick is the source, later picks the target. */
  function pick(actor) {
    assign(actor, state.source ? "target" : "source");
  }

  function assign(actor, side) {
    const chosen = { code: actor.code, name: actor.name };
    if (side === "target" && !state.source) state.source = chosen;
    else state[side] = chosen;
    $("actor-search").value = "";
    hideSuggestions();
    $("actor-search").focus();
    filterChanged();
  }

  function clearSide(side) {
    if (side === "source") {
      state.source = state.target;
      state.target = null;
    } else {
      state.target = null;
    }
    filterChanged();
  }

  function swapSides() {
    if (!state.target) return;
    [state.source, state.target] = [state.target, state.source];
    filterChanged();
  }

  function renderDyad() {
    for (const side of ["source", "target"]) {
      const a = state[side];
      $(`${side}-code`).textContent = a ? a.code : side === "source" ? "none" : "anyone";
      $(`${side}-name`).textContent = a && a.name ? a.name : "";
      $(`clear-${side}`).hidden = !a;
    }
    $("swap").disabled = !state.target;
    for (const by of PERIODS) $(`period-${by}`).setAttribute("aria-pressed", String(by === state.by));
    $("since").value = state.since;
    $("until").value = state.until;
  }

  /** The actor filter (and dates) that every view shares, as API parameters. */
  function filterParams() {
    const p = { since: state.since, until: state.until };
    if (state.source && state.target) {
      p.source = state.source.code;
      p.target = state.target.code;
    } else if (state.source) {
      p.actor = state.source.code;
    }
    return p;
  }

  function filterChanged() {
    state.bucket = null;
    renderDyad();
    saveToUrl();
    resetEvents();
    loadSeries();
    views.map.stale = true;
    if (currentTab === "map") loadLocations();
    // The shifts view follows the chosen source; it reloads when next shown.
    if (state.source && $("shift-actor").value !== state.source.code) {
      $("shift-actor").value = state.source.code;
      $("shifts").replaceChildren();
    }
  }

  function saveToUrl() {
    const q = new URLSearchParams();
    if (state.source) q.set("source", state.source.code);
    if (state.target) q.set("target", state.target.code);
    if (state.by !== "week") q.set("by", state.by);
    if (state.since) q.set("since", state.since);
    if (state.until) q.set("until", state.until);
    const qs = q.toString();
    history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  }

  /** Restores a shared view; actor names are looked up, codes alone suffice to query. */
  async function loadFromUrl() {
    const q = new URLSearchParams(location.search);
    const by = q.get("by");
    if (PERIODS.includes(by)) state.by = by;
    state.since = q.get("since") || "";
    state.until = q.get("until") || "";
    for (const side of ["source", "target"]) {
      const code = q.get(side);
      if (code) state[side] = { code, name: await actorName(code) };
    }
    if (!state.source && state.target) [state.source, state.target] = [state.target, null];
  }

  async function actorName(code) {
    try {
      const res = await api("/api/actors", { q: code, limit: 20 });
      const hit = res.actors.find((a) => a.code === code);
      return hit ? hit.name : "";
    } catch {
      return "";
    }
  }

  // ---------------------------------------------------------------- series chart

  let seriesSeq = 0;

  async function loadSeries() {
    const seq = ++seriesSeq;
    if (!state.source) {
      data.buckets = [];
      $("series-title").textContent = "Pick an actor to see its events over time";
      drawChart();
      return;
    }
    const title = state.target
      ? `${actorLabel(state.source)} → ${actorLabel(state.target)}`
      : `${actorLabel(state.source)} with anyone`;
    $("series-title").textContent = `${title}, per ${state.by}`;
    $("chart").setAttribute("aria-busy", "true");
    try {
      const res = await api("/api/dyad", { ...filterParams(), by: state.by });
      if (seq !== seriesSeq) return;
      data.buckets = fillBuckets(res.points, res.by || state.by);
      drawChart();
    } catch (err) {
      if (seq === seriesSeq) showError("Could not load the series", err);
    } finally {
      if (seq === seriesSeq) $("chart").removeAttribute("aria-busy");
    }
  }

  /**
   * One bucket per period from one before the first to one after the last point, so that empty
   * periods show as gaps and the outer bars are not cut in half by the chart's edges.
   */
  function fillBuckets(points, by) {
    if (!points.length) return [];
    const byStart = new Map(points.map((p) => [periodStart(p.period), p]));
    const starts = [...byStart.keys()].sort();
    const last = addPeriod(starts[starts.length - 1], by, 1);
    let days = [addPeriod(starts[0], by, -1)];
    while (days[days.length - 1] < last && days.length < MAX_BUCKETS) {
      days.push(addPeriod(days[days.length - 1], by, 1));
    }
    if (days.length >= MAX_BUCKETS) days = starts;
    return days.map((start) => {
      const p = byStart.get(start);
      const end = addPeriod(start, by, 1);
      return {
        start,
        end,
        // Bars are centred on x, so that each covers its own period.
        x: (unixSeconds(start) + unixSeconds(end)) / 2,
        events: p ? p.events : 0,
        quad: p ? p.quad : [0, 0, 0, 0],
        goldstein: p ? p.goldstein_mean : null,
        sources: p ? p.sources : 0,
        plover: p ? p.plover : {},
      };
    });
  }

  /** uPlot data: x, the four QuadClass counts cumulated (the stack), the Goldstein means. */
  function chartData(buckets) {
    const stacks = QUADS.map(() => []);
    for (const b of buckets) {
      let total = 0;
      QUADS.forEach((_, q) => {
        total += b.quad[q] || 0;
        stacks[q].push(total);
      });
    }
    return [buckets.map((b) => b.x), ...stacks, buckets.map((b) => b.goldstein)];
  }

  function chartOptions(width) {
    const bars = uPlot.paths.bars({ size: [0.7, 48], gap: 1 });
    const quadSeries = QUADS.map((q, i) => ({
      label: q.name,
      scale: "n",
      fill: q.color,
      stroke: q.color,
      width: 0,
      paths: bars,
      points: { show: false },
      // The legend shows each class's own count, not the cumulated stack height.
      value: (u, v, si, idx) => (idx === null || !data.buckets[idx] ? "–" : String(data.buckets[idx].quad[i] || 0)),
    }));
    return {
      width,
      height: 320,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false } },
      legend: { live: true },
      scales: {
        x: { time: true },
        n: { range: (u, min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] },
        g: { range: [-10, 10] },
      },
      // The standard uPlot stack: each class is drawn from the cumulated class below it.
      bands: [{ series: [2, 1] }, { series: [3, 2] }, { series: [4, 3] }],
      series: [
        { label: "Period", value: (u, v, si, idx) => (idx === null || !data.buckets[idx] ? "–" : periodLabel(data.buckets[idx], state.by)) },
        ...quadSeries,
        {
          label: "Goldstein mean",
          scale: "g",
          stroke: GOLDSTEIN_COLOR,
          width: 2,
          points: { show: true, size: 6, fill: GOLDSTEIN_COLOR },
          value: (u, v) => fmtSigned(v, 2),
        },
      ],
      axes: [
        { space: 70 },
        { scale: "n", label: "Events", size: 50, values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? t : "")) },
        { scale: "g", side: 1, label: "Goldstein mean", size: 50, grid: { show: false } },
      ],
      hooks: {
        draw: [drawSelectedBucket],
        setScale: [(u, key) => key === "x" && updateResetButton(u)],
      },
    };
  }

  /** Outlines the bucket whose events are listed. */
  function drawSelectedBucket(u) {
    const i = state.bucket ? data.buckets.findIndex((b) => b.start === state.bucket.start) : -1;
    if (i < 0) return;
    const b = data.buckets[i];
    const left = u.valToPos(unixSeconds(b.start), "x", true);
    const right = u.valToPos(unixSeconds(b.end), "x", true);
    const { ctx, bbox } = u;
    ctx.save();
    ctx.strokeStyle = "#1f2933";
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.strokeRect(left, bbox.top + 1, right - left, bbox.height - 2);
    ctx.restore();
  }

  function drawChart() {
    const box = $("chart");
    if (chart) {
      chart.destroy();
      chart = null;
    }
    box.replaceChildren();
    $("reset-zoom").disabled = true;
    renderSeriesTable();
    if (!data.buckets.length) {
      box.append(el("p", { class: "placeholder" }, state.source ? "No events match this filter." : "No actor chosen yet."));
      return;
    }
    chart = new uPlot(chartOptions(box.clientWidth || 800), chartData(data.buckets), box);
    bindBucketClick(chart);
  }

  /** A click without a drag (a drag zooms) selects the bucket under the pointer. */
  function bindBucketClick(u) {
    let down = null;
    u.over.addEventListener("mousedown", (e) => {
      down = { x: e.clientX, y: e.clientY };
    });
    u.over.addEventListener("click", (e) => {
      if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 3) return;
      const idx = u.posToIdx(e.clientX - u.over.getBoundingClientRect().left);
      if (idx !== null && idx >= 0 && data.buckets[idx]) selectBucket(idx);
    });
  }

  function updateResetButton(u) {
    const x = u.data[0];
    const zoomed = x.length > 0 && (u.scales.x.min > x[0] || u.scales.x.max < x[x.length - 1]);
    $("reset-zoom").disabled = !zoomed;
  }

  function resetZoom() {
    if (!chart) return;
    const x = chart.data[0];
    chart.setScale("x", { min: x[0], max: x[x.length - 1] });
  }

  function resizeChart() {
    const width = $("chart").clientWidth;
    if (chart && width > 0) chart.setSize({ width, height: 320 });
  }

  /** The accessible twin of the chart: a table whose rows can also list a bucket's events. */
  function renderSeriesTable() {
    const body = $("series-table").querySelector("tbody");
    body.replaceChildren(...data.buckets.map((b, i) => b.events === 0 ? null : el("tr", {},
      el("th", { scope: "row" }, periodLabel(b, state.by)),
      el("td", {}, String(b.events)),
      ...b.quad.map((n) => el("td", {}, String(n))),
      el("td", {}, fmtSigned(b.goldstein, 2)),
      el("td", {}, el("button", { type: "button", class: "link", onclick: () => selectBucket(i) }, "List events")))).filter(Boolean));
  }

  // ---------------------------------------------------------------- events panel

  let eventsSeq = 0;

  function selectBucket(i) {
    const b = data.buckets[i];
    state.bucket = b;
    if (chart) chart.redraw(false, false);
    if (b.events === 0) {
      resetEvents(`No events in the ${periodLabel(b, state.by)}.`);
      return;
    }
    loadEvents(false);
  }

  function resetEvents(message = "Click a bar of the chart to list the events of that period.") {
    ++eventsSeq;
    data.cursor = null;
    $("events").replaceChildren();
    $("events-help").textContent = message;
    $("events-help").hidden = false;
    $("events-title").textContent = "Events";
    $("more-events").hidden = true;
  }

  /** The bucket's events, within the chosen since/until too; `more` follows the cursor. */
  async function loadEvents(more) {
    const b = state.bucket;
    if (!b) return;
    const seq = more ? eventsSeq : ++eventsSeq;
    const since = state.since && state.since > b.start ? state.since : b.start;
    const until = state.until && state.until < b.end ? state.until : b.end;
    const params = { ...filterParams(), since, until, limit: PAGE_SIZE, cursor: more ? data.cursor : null };
    $("events").setAttribute("aria-busy", "true");
    $("more-events").disabled = true;
    try {
      const res = await api("/api/events", params);
      if (seq !== eventsSeq) return;
      if (!more) $("events").replaceChildren();
      $("events").append(...res.events.map((ev) => renderEvent(ev)));
      data.cursor = res.next_cursor || null;
      $("more-events").hidden = !data.cursor;
      $("events-title").textContent = `Events · ${periodLabel(b, state.by)} · ${fmtCount(b.events, "event", "events")}`;
      $("events-help").hidden = res.events.length > 0 || more;
      $("events-help").textContent = "No events returned for this period.";
    } catch (err) {
      if (seq === eventsSeq) showError("Could not load the events", err);
    } finally {
      $("events").removeAttribute("aria-busy");
      $("more-events").disabled = false;
    }
  }

  /**
   * Character ranges of the source, verb and target spans. The spans' offsets are UTF-8 byte
   * offsets; a span whose bytes do not spell its text is looked up by its text instead.
   */
  function spanRanges(sentence, ev) {
    const spans = ev.explain && Array.isArray(ev.explain.spans)
      ? ev.explain.spans
      : fallbackSpans(ev);
    const bytes = new TextEncoder().encode(sentence);
    const dec = new TextDecoder();
    const ranges = [];
    for (const s of spans) {
      if (!["source", "verb", "target"].includes(s.label) || !s.text) continue;
      let start = -1;
      if (Number.isInteger(s.start) && Number.isInteger(s.end) && s.end <= bytes.length
        && dec.decode(bytes.subarray(s.start, s.end)) === s.text) {
        start = dec.decode(bytes.subarray(0, s.start)).length;
      } else {
        start = sentence.indexOf(s.text);
      }
      if (start >= 0) ranges.push({ label: s.label, start, end: start + s.text.length });
    }
    ranges.sort((a, b) => a.start - b.start);
    // Overlapping spans cannot both be marks; the earlier one wins.
    return ranges.filter((r, i, all) => i === 0 || r.start >= all.slice(0, i).reduce((m, p) => Math.max(m, p.end), 0));
  }

  /** Without `explain`, the actors' matched texts still locate them in the sentence. */
  function fallbackSpans(ev) {
    return [["source", ev.source], ["target", ev.target]]
      .filter(([, a]) => a && a.text)
      .map(([label, a]) => ({ label, text: a.text }));
  }

  function markedSentence(ev) {
    const sentence = ev.sentence || "";
    const p = el("p", { class: "sentence" });
    let at = 0;
    for (const r of spanRanges(sentence, ev)) {
      p.append(sentence.slice(at, r.start), el("mark", { class: r.label, title: r.label }, sentence.slice(r.start, r.end)));
      at = r.end;
    }
    p.append(sentence.slice(at));
    return p;
  }

  function attributionText(a) {
    if (!a) return null;
    if (a.kind === "anonymous") return `anonymous source: ${a.source_text || "unnamed"}`;
    const who = [a.reporter && `reporter ${a.reporter}`, a.outlet].filter(Boolean).join(", ");
    if (who) return `${a.kind}: ${who}`;
    return a.source_text ? `${a.kind}: “${a.source_text}”` : a.kind;
  }

  const actorText = (a) => (a ? `${a.name || a.text || a.code} (${a.code})` : "—");

  /** One event as an article; `withRule` adds the coding rule and pattern (for pasted text). */
  function renderEvent(ev, withRule = false) {
    const q = QUADS[(ev.quad_class || 1) - 1] || QUADS[0];
    const meta = [
      ev.outlet,
      attributionText(ev.attribution),
      Number.isInteger(ev.num_sources) ? fmtCount(ev.num_sources, "source", "sources") : null,
      ev.location ? `in ${ev.location.name}` : null,
    ].filter(Boolean);
    return el("article", { class: "event" },
      el("div", { class: "event-head" },
        el("time", { datetime: ev.date }, ev.date),
        el("span", { class: "cameo", title: "CAMEO code" }, `CAMEO ${ev.cameo}`),
        el("span", { class: "goldstein", title: "Goldstein score" }, `Goldstein ${fmtSigned(ev.goldstein)}`),
        el("span", { class: `quad quad-${ev.quad_class}`, style: `--quad: ${q.color}` }, q.name),
        ev.plover && ev.plover.event_type ? el("span", { class: "plover", title: "PLOVER event type" }, ev.plover.event_type) : null),
      el("p", { class: "actors" }, `${actorText(ev.source)} → ${actorText(ev.target)}`),
      markedSentence(ev),
      el("p", { class: "meta" },
        meta.join(" · "),
        ev.url ? [meta.length ? " · " : "", el("a", { href: ev.url, target: "_blank", rel: "noopener noreferrer" }, ev.title ? `article: ${ev.title}` : "article")] : null),
      withRule ? el("p", { class: "rule" }, el("span", { class: "side-label" }, "Rule "), el("code", {}, ev.rule || "–")) : null,
      withRule && ev.explain && ev.explain.pattern ? el("p", { class: "rule" }, el("span", { class: "side-label" }, "Pattern "), el("code", {}, ev.explain.pattern)) : null);
  }

  // ---------------------------------------------------------------- shifts

  async function loadShifts(e) {
    if (e) e.preventDefault();
    const actor = $("shift-actor").value.trim().toUpperCase();
    const since = $("shift-since").value;
    if (!actor || !since) return;
    const box = $("shifts");
    box.setAttribute("aria-busy", "true");
    try {
      const res = await api("/api/report", {
        actor, since, until: $("shift-until").value, min_events: $("shift-min").value,
      });
      box.replaceChildren(renderShifts(res.partners, actor, since));
    } catch (err) {
      showError("Could not load the shifts", err);
    } finally {
      box.removeAttribute("aria-busy");
    }
  }

  function renderShifts(partners, actor, since) {
    if (!partners.length) return el("p", { class: "placeholder" }, `No partner of ${actor} has enough events since ${since}.`);
    const rows = partners.flatMap((p) => [
      el("tr", { class: "partner" },
        el("th", { scope: "row" }, el("code", {}, p.partner)),
        el("td", {}, String(p.events)),
        el("td", {}, fmtSigned(p.goldstein_mean, 2)),
        el("td", {}, p.conflict_share === null || p.conflict_share === undefined ? "–" : `${Math.round(p.conflict_share * 100)} %`),
        el("td", {}, String(p.baseline_events ?? "–")),
        el("td", {}, fmtSigned(p.baseline_goldstein_mean, 2)),
        el("td", { class: p.shift < 0 ? "shift down" : "shift up" }, fmtSigned(p.shift, 2))),
      el("tr", { class: "evidence" }, el("td", { colspan: "7" }, el("ol", {}, (p.evidence || []).map(renderEvidence)))),
    ]);
    return el("table", { class: "shifts" },
      el("caption", {}, `Partners of ${actor}, since ${since}, ranked by shift`),
      el("thead", {}, el("tr", {},
        ["Partner", "Events", "Goldstein mean", "Conflict share", "Baseline events", "Baseline Goldstein", "Shift"]
          .map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows));
  }

  /** Evidence attribution: a phrase (`according_to`) or an attribution object. */
  function evidenceAttribution(ev) {
    if (ev.attribution && typeof ev.attribution === "object") return attributionText(ev.attribution);
    return ev.attribution || ev.according_to || null;
  }

  function renderEvidence(ev) {
    return el("li", {},
      el("span", { class: "evidence-head" }, `${ev.date} · ${ev.source} → ${ev.target || "—"} · CAMEO ${ev.cameo} · ${fmtSigned(ev.goldstein)}`),
      el("q", {}, ev.sentence),
      el("span", { class: "meta" }, [ev.outlet, evidenceAttribution(ev)].filter(Boolean).join(" · ")));
  }

  /** The report's default period: from the chosen since, else the year before the newest bucket. */
  function defaultShiftSince() {
    if (state.since) return state.since;
    const last = data.buckets.length ? data.buckets[data.buckets.length - 1].start : new Date().toISOString().slice(0, 10);
    return addPeriod(last, "year", -1);
  }

  // ---------------------------------------------------------------- map

  let map = null;
  let markers = null;
  let mapSeq = 0;

  async function ensureMap() {
    if (map) return;
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 8 }).setView([30, 20], 2);
    map.attributionControl.setPrefix("Leaflet");
    markers = L.layerGroup().addTo(map);
    try {
      const res = await fetch("/assets/vendor/world.geojson");
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      L.geoJSON(await res.json(), {
        interactive: false,
        attribution: "Natural Earth",
        style: { color: "#8a9aa9", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map);
      markers.eachLayer((m) => m.bringToFront());
    } catch (err) {
      showError("Could not load the country outlines", err);
    }
  }

  async function loadLocations() {
    const seq = ++mapSeq;
    await ensureMap();
    map.invalidateSize();
    views.map.stale = false;
    const subject = state.source ? $("series-title").textContent : "all actors";
    $("map-status").textContent = `Loading the locations of ${subject}…`;
    try {
      const res = await api("/api/locations", filterParams());
      if (seq !== mapSeq) return;
      drawLocations(res.locations, subject);
    } catch (err) {
      if (seq === mapSeq) {
        $("map-status").textContent = "";
        showError("Could not load the locations", err);
      }
    }
  }

  function drawLocations(all, subject) {
    const locations = all.filter((l) => Number.isFinite(l.lat) && Number.isFinite(l.lon));
    markers.clearLayers();
    const max = Math.max(1, ...locations.map((l) => l.events));
    for (const l of locations) {
      const popup = el("div", {}, el("strong", {}, l.name), el("br"), `${l.country} · ${fmtCount(l.events, "event", "events")}`);
      L.circleMarker([l.lat, l.lon], {
        radius: 5 + 20 * Math.sqrt(l.events / max),
        color: "#7a1f10", weight: 1, fillColor: "#d7301f", fillOpacity: 0.55,
      }).bindPopup(popup).bindTooltip(`${l.name}: ${l.events}`).addTo(markers);
    }
    const total = locations.reduce((n, l) => n + l.events, 0);
    $("map-status").textContent = locations.length
      ? `${fmtCount(total, "located event", "located events")} of ${subject} at ${fmtCount(locations.length, "place", "places")}; circle size follows the count.`
      : `No located events for ${subject}.`;
    if (locations.length) {
      map.fitBounds(L.latLngBounds(locations.map((l) => [l.lat, l.lon])).pad(0.5), { maxZoom: 4 });
    }
  }

  // ---------------------------------------------------------------- code an article

  async function codeArticle(e) {
    e.preventDefault();
    const text = $("code-text").value;
    if (!text.trim()) return;
    const box = $("code-results");
    box.setAttribute("aria-busy", "true");
    $("code-submit").disabled = true;
    try {
      const res = await api("/api/code", {}, { id: "pasted", text, published: $("code-published").value || null });
      box.replaceChildren(
        el("h3", {}, res.events.length ? fmtCount(res.events.length, "event", "events") + " coded" : "No events coded"),
        ...res.events.map((ev) => renderEvent(ev, true)));
    } catch (err) {
      showError("Could not code the article", err);
    } finally {
      box.removeAttribute("aria-busy");
      $("code-submit").disabled = false;
    }
  }

  // ---------------------------------------------------------------- tabs

  const views = {
    series: { onShow: resizeChart },
    shifts: { onShow: showShifts },
    map: { onShow: () => views.map.stale && loadLocations(), stale: true },
    code: { onShow: () => $("code-text").focus() },
  };
  let currentTab = "series";

  function showTab(name) {
    currentTab = name;
    for (const key of Object.keys(views)) {
      const tab = $(`tab-${key}`);
      tab.setAttribute("aria-selected", String(key === name));
      tab.tabIndex = key === name ? 0 : -1;
      $(`panel-${key}`).hidden = key !== name;
    }
    views[name].onShow();
  }

  function showShifts() {
    if (!$("shift-since").value) $("shift-since").value = defaultShiftSince();
    if ($("shift-actor").value && !$("shifts").childElementCount) loadShifts();
  }

  function onTabKey(e) {
    const names = Object.keys(views);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    const next = names[(names.indexOf(currentTab) + step + names.length) % names.length];
    showTab(next);
    $(`tab-${next}`).focus();
  }

  // ---------------------------------------------------------------- wiring

  function setPeriod(by) {
    if (by === state.by) return;
    state.by = by;
    filterChanged();
  }

  function setDates() {
    state.since = $("since").value;
    state.until = $("until").value;
    filterChanged();
  }

  function bind() {
    const search = $("actor-search");
    search.addEventListener("input", onSearchInput);
    search.addEventListener("keydown", onSearchKey);
    document.addEventListener("click", (e) => {
      if (!e.target.closest(".search")) hideSuggestions();
    });
    $("clear-source").addEventListener("click", () => clearSide("source"));
    $("clear-target").addEventListener("click", () => clearSide("target"));
    $("swap").addEventListener("click", swapSides);
    for (const by of PERIODS) $(`period-${by}`).addEventListener("click", () => setPeriod(by));
    $("since").addEventListener("change", setDates);
    $("until").addEventListener("change", setDates);
    $("reset-zoom").addEventListener("click", resetZoom);
    $("more-events").addEventListener("click", () => loadEvents(true));
    $("error-close").addEventListener("click", clearError);
    $("shifts-form").addEventListener("submit", loadShifts);
    $("code-form").addEventListener("submit", codeArticle);
    for (const key of Object.keys(views)) $(`tab-${key}`).addEventListener("click", () => showTab(key));
    document.querySelector(".tabs").addEventListener("keydown", onTabKey);
    let resizeTimer = 0;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(resizeChart, 100);
    });
  }

  async function start() {
    window.tacitus = {
      get chart() {
        return chart;
      },
      data,
      state,
    };
    bind();
    $("code-published").value = new Date().toISOString().slice(0, 10);
    loadHealth();
    await loadFromUrl();
    filterChanged();
  }

  start();
})();
