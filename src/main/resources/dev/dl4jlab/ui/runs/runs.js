// The runs page: one table of every stored run and sweep (GET /lab/api/runs), sortable and filterable, and the
// per-epoch curves of ticked runs overlaid (GET /lab/api/history?id=...). State lives in the query string, so a view
// can be linked: ?sort=accuracy&desc=1&filter=mnist&select=name1|name2&sweep=<id>.
(function () {
  "use strict";
  const COLUMNS = [
    ["name", "name"], ["kind", "kind"], ["dataset", "dataset"], ["model", "model"], ["learningRate", "learning rate"],
    ["momentum", "momentum"], ["batch", "batch"], ["epochs", "epochs"], ["split", "split"], ["status", "status"],
    ["accuracy", "accuracy"], ["loss", "loss"], ["auc", "AUC (binary)"], ["seconds", "seconds"], ["when", "when"]];
  const NUMERIC = new Set(["learningRate", "momentum", "epochs", "accuracy", "loss", "auc", "seconds"]);
  const COLOURS = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457"];
  const params = new URLSearchParams(location.search);
  const state = {
    rows: [], sort: params.get("sort") || "accuracy", desc: params.has("sort") ? params.get("desc") === "1" : true,
    filter: params.get("filter") || "", selected: new Set((params.get("select") || "").split("|").filter(s => s)),
    sweep: params.get("sweep"), histories: {}
  };

  function format(key, value) {
    if (value === null || value === undefined) return "";
    if (key === "accuracy" || key === "loss" || key === "auc") return value.toFixed(4);
    if (key === "seconds") return value.toFixed(1);
    if (key === "learningRate") return Number(value.toPrecision(4)).toString();
    if (key === "momentum") return Number(value.toPrecision(3)).toString();
    if (key === "when") return value.replace(/^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/, "$1-$2-$3 $4:$5:$6");
    return String(value);
  }

  function compare(a, b) {
    const x = a[state.sort], y = b[state.sort];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;      // empty cells last, either way
    if (y === null || y === undefined) return -1;
    const order = NUMERIC.has(state.sort) ? x - y : String(x).localeCompare(String(y));
    return state.desc ? -order : order;
  }

  function visible() {
    const needle = state.filter.toLowerCase();
    return state.rows.filter(r => (!state.sweep || r.sweep === state.sweep)
        && (!needle || [r.name, r.kind, r.dataset, r.model, r.status, r.split].join(" ").toLowerCase().includes(needle)))
      .sort(compare);
  }

  function syncUrl() {
    const p = new URLSearchParams();
    p.set("sort", state.sort);
    p.set("desc", state.desc ? "1" : "0");
    if (state.filter) p.set("filter", state.filter);
    if (state.selected.size) p.set("select", [...state.selected].join("|"));
    if (state.sweep) p.set("sweep", state.sweep);
    history.replaceState(null, "", "?" + p.toString());
  }

  function renderTable() {
    const head = document.getElementById("head");
    head.innerHTML = "<th></th>";
    for (const [key, label] of COLUMNS) {
      const th = document.createElement("th");
      th.textContent = label;
      th.dataset.key = key;
      if (key === state.sort) th.className = state.desc ? "sorted-desc" : "sorted-asc";
      th.addEventListener("click", () => {
        state.desc = state.sort === key ? !state.desc : NUMERIC.has(key);
        state.sort = key;
        render();
      });
      head.appendChild(th);
    }
    head.appendChild(document.createElement("th")).textContent = "";
    const body = document.getElementById("body");
    body.innerHTML = "";
    const rows = visible();
    for (const r of rows) {
      const tr = document.createElement("tr");
      tr.dataset.name = r.name;
      if (state.selected.has(r.name)) tr.className = "selected";
      const pick = document.createElement("td");
      if (r.id) {
        const box = document.createElement("input");
        box.type = "checkbox";
        box.checked = state.selected.has(r.name);
        box.addEventListener("change", () => {
          if (box.checked) state.selected.add(r.name); else state.selected.delete(r.name);
          render();
        });
        pick.appendChild(box);
      }
      tr.appendChild(pick);
      for (const [key] of COLUMNS) {
        const td = document.createElement("td");
        td.textContent = format(key, r[key]);
        td.className = (NUMERIC.has(key) ? "num " : "") + "col-" + key;
        tr.appendChild(td);
      }
      const links = document.createElement("td");
      if (r.session) {
        const a = document.createElement("a");
        a.href = "#";
        a.textContent = "DL4J session";
        a.addEventListener("click", e => {
          e.preventDefault();
          fetch("/train/sessions/set/" + encodeURIComponent(r.session)).then(() => { location.href = "/train/overview"; });
        });
        links.appendChild(a);
      }
      if (r.sweep && !state.sweep) {
        const a = document.createElement("a");
        a.href = "/lab/runs?sweep=" + encodeURIComponent(r.sweep);
        a.textContent = "sweep";
        links.appendChild(a);
      }
      tr.appendChild(links);
      body.appendChild(tr);
    }
    document.getElementById("count").textContent = rows.length + " of " + state.rows.length + " results";
  }

  function scale(min, max, from, to) {
    const span = max - min || 1;
    return v => from + (v - min) / span * (to - from);
  }

  function ticks(min, max, count) {
    const step = (max - min) / (count - 1 || 1);
    return Array.from({length: count}, (_, i) => min + i * step);
  }

  function drawChart(svg, series, key, dashedKey) {
    const W = +svg.getAttribute("width"), H = +svg.getAttribute("height"), L = 52, R = 12, T = 10, B = 30;
    svg.innerHTML = "";
    const points = series.flatMap(s => s.epochs.flatMap(e => [e[key], dashedKey ? e[dashedKey] : null])
      .filter(v => v !== null && v !== undefined && isFinite(v)));
    const epochs = series.flatMap(s => s.epochs.map(e => e.epoch));
    if (!points.length) return;
    const ymin = Math.min(...points), ymax = Math.max(...points);
    const xmax = Math.max(...epochs, 2);
    const x = scale(1, xmax, L, W - R), y = scale(ymin, ymax, H - B, T);
    const ns = "http://www.w3.org/2000/svg";
    const add = (name, attrs, text) => {
      const el = document.createElementNS(ns, name);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      if (text !== undefined) el.textContent = text;
      svg.appendChild(el);
      return el;
    };
    add("line", {x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#999"});
    add("line", {x1: L, y1: T, x2: L, y2: H - B, stroke: "#999"});
    for (const v of ticks(ymin, ymax, 5)) {
      add("text", {x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "ytick"}, v.toPrecision(3));
      add("line", {x1: L, y1: y(v), x2: W - R, y2: y(v), stroke: "#eee"});
    }
    const step = Math.max(1, Math.ceil((xmax - 1) / 6));
    for (let v = 1; v <= xmax; v += step) {
      add("text", {x: x(v), y: H - B + 16, "text-anchor": "middle", class: "xtick"}, v);
    }
    add("text", {x: (L + W - R) / 2, y: H - 2, "text-anchor": "middle"}, "epoch");
    series.forEach((s, i) => {
      const colour = COLOURS[i % COLOURS.length];
      for (const [k, dash] of [[key, null], [dashedKey, "6 4"]]) {
        if (!k) continue;
        const pts = s.epochs.filter(e => e[k] !== null && e[k] !== undefined && isFinite(e[k])).map(e => x(e.epoch) + "," + y(e[k]));
        if (!pts.length) continue;
        const line = add("polyline", {points: pts.join(" "), fill: "none", stroke: colour, "stroke-width": 2, class: "series"});
        line.dataset.run = s.name;
        if (dash) line.setAttribute("stroke-dasharray", dash);
      }
    });
  }

  async function renderOverlay() {
    const chosen = state.rows.filter(r => r.id && state.selected.has(r.name));
    const section = document.getElementById("overlay");
    section.hidden = chosen.length === 0;
    if (!chosen.length) return;
    const series = [];
    for (const r of chosen) {
      if (!state.histories[r.id]) {
        const response = await fetch("/lab/api/history?id=" + encodeURIComponent(r.id));
        state.histories[r.id] = response.ok ? await response.json() : {epochs: []};
      }
      // a sweep row "@2" is its candidate after 2 epochs: its curve stops there, though the candidate trained on
      series.push({name: r.name, epochs: state.histories[r.id].epochs.filter(e => e.epoch <= r.epochs)});
    }
    drawChart(document.getElementById("loss-chart"), series, "trainLoss", "evalLoss");
    drawChart(document.getElementById("accuracy-chart"), series, "evalAccuracy", null);
    const legend = document.getElementById("legend");
    legend.innerHTML = "";
    series.forEach((s, i) => {
      const li = document.createElement("li");
      li.innerHTML = '<span class="swatch"></span>';
      li.firstChild.style.background = COLOURS[i % COLOURS.length];
      li.appendChild(document.createTextNode(s.name));
      legend.appendChild(li);
    });
    document.body.dataset.overlay = String(series.length);
  }

  function renderSweep(index) {
    const view = document.getElementById("sweep-view");
    const sweep = state.sweep && index.sweeps.find(s => s.id === state.sweep);
    view.hidden = !sweep;
    if (!sweep) return;
    document.getElementById("sweep-title").textContent = "Sweep " + sweep.name;
    const charts = document.getElementById("sweep-charts");
    charts.innerHTML = "";
    for (const name of sweep.charts) {
      const img = document.createElement("img");
      img.alt = name;
      img.src = "/lab/file?sweep=" + encodeURIComponent(sweep.id) + "&name=" + encodeURIComponent(name);
      charts.appendChild(img);
    }
  }

  function render() {
    syncUrl();
    renderTable();
    renderOverlay();
  }

  document.getElementById("filter").value = state.filter;
  document.getElementById("filter").addEventListener("input", e => { state.filter = e.target.value; render(); });
  document.getElementById("clear").addEventListener("click", () => { state.selected.clear(); render(); });
  fetch("/lab/api/runs").then(r => r.json()).then(index => {
    state.rows = index.rows;
    const warnings = document.getElementById("warnings");
    for (const w of index.warnings) warnings.appendChild(document.createElement("li")).textContent = w;
    renderSweep(index);
    render();
    document.body.dataset.ready = "1";
  });
})();
