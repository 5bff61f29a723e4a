// The review page: check a budget table, browse and search the catalogue.
// Every piece of data is put into the page as text (append / textContent), never as HTML.
"use strict";

(() => {
  const BASE = "/app";
  const TOKEN = document.querySelector('meta[name="catalogue-token"]').content;
  const $ = (id) => document.getElementById(id);

  // -- building the page -------------------------------------------------------------------
  // el("td", {class: "num"}, 12, "text", node): an element with attributes and text or nodes
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "class") node.className = value;
      else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
      else if (key === "style") Object.assign(node.style, value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  function clear(node, ...children) {
    node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
    return node;
  }

  function status(text, error) {
    const node = $("status");
    node.textContent = text;
    node.className = error ? "error" : "";
  }

  const number = (value) =>
    value === null || value === undefined ? "" : value.toLocaleString("zh-CN", {maximumFractionDigits: 2});

  // -- talking to the server -----------------------------------------------------------------
  async function answer(response) {
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) throw new Error((data && data.error) || `服务返回错误 ${response.status}`);
    return data;
  }

  async function get(path, params) {
    const query = params ? "?" + new URLSearchParams(params) : "";
    return answer(await fetch(BASE + path + query, {headers: {Accept: "application/json"}}));
  }

  async function postCheck(input, format) {
    const params = new URLSearchParams({...input.params, format});
    try {
      return await fetch(`${BASE}/api/check?${params}`, {
        method: "POST",
        headers: {"Content-Type": input.type, "X-Catalogue-Token": TOKEN},
        body: input.body,
      });
    } catch (e) {
      throw new Error("无法连接检查服务：请确认 catalogue serve 仍在运行");
    }
  }

  // -- tabs ------------------------------------------------------------------------------------
  function showTab(name) {
    for (const tab of ["check", "browse", "search"]) {
      $("tab-" + tab).hidden = tab !== name;
      $("nav-" + tab).setAttribute("aria-selected", String(tab === name));
    }
    if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
  }

  // -- the buyer -----------------------------------------------------------------------------
  let buyerTimer = null;
  function buyerTyped() {
    clearTimeout(buyerTimer);
    buyerTimer = setTimeout(async () => {
      const typed = $("buyer").value.trim();
      const reading = $("buyer-reading");
      if (!typed) {
        reading.textContent = "未填：每行与 15 个部门的全部目录比较（表中有部门列时按各行的部门）。";
        return;
      }
      try {
        const data = await get("/api/buyers", {q: typed});
        clear($("buyer-names"), data.names.map((name) => el("option", {value: name})));
        if (data.reading && data.reading.departments.length) {
          reading.textContent = `按“${data.reading.departments.join("、")}”的目录判断。${data.reading.reading}`;
        } else if (data.reading) {
          reading.textContent = `${data.reading.reading}：每行与全部 15 个部门的目录比较，最多判为“需人工复核”。`;
        } else {
          reading.textContent = data.error || "";
        }
      } catch (e) {
        reading.textContent = e.message;
      }
    }, 200);
  }

  // -- checking --------------------------------------------------------------------------------
  let last = null; // the last input checked: downloads send it again
  let maxBody = 1024 * 1024;

  async function check(input) {
    if (input.size > maxBody) {
      status(`内容有 ${(input.size / 1048576).toFixed(1)} MB，超过页面的上限 ${maxBody / 1048576} MB：请把表格拆开，或用命令行 catalogue check`, true);
      return;
    }
    status("正在检查……");
    $("result").hidden = true;
    try {
      const data = await answer(await postCheck(input, "json"));
      last = {...input, stem: data.table.name.replace(/\.[^.]*$/, "") || data.table.name};
      render(data);
      status(`已检查“${data.table.name}”：共 ${data.summary.rows} 行。`);
    } catch (e) {
      status(e.message, true);
    }
  }

  function buyer() {
    return $("buyer").value.trim();
  }

  function checkPaste() {
    const text = $("paste").value;
    if (!text.trim()) {
      status("请先粘贴预算项目（每行一个）。", true);
      return;
    }
    const body = new TextEncoder().encode(text);
    check({params: {source: "paste", department: buyer()}, body, type: "text/plain; charset=utf-8", size: body.length});
  }

  function checkFile(file) {
    if (!file) return;
    check({params: {source: "file", name: file.name, department: buyer()}, body: file, type: "application/octet-stream", size: file.size});
  }

  async function download(format) {
    if (!last) return;
    status(format === "xlsx" ? "正在生成 Excel 工作簿……" : "正在生成 CSV……");
    try {
      const response = await postCheck(last, format);
      if (!response.ok) await answer(response);
      const blob = await response.blob();
      const name = `${last.stem}-检查结果.${format}`;
      const link = el("a", {href: URL.createObjectURL(blob), download: name});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      status(`已下载 ${name}`);
    } catch (e) {
      status(e.message, true);
    }
  }

  // -- the result ------------------------------------------------------------------------------
  let colours = {};

  function render(data) {
    colours = Object.fromEntries(data.summary.meanings.map((m) => [m.meaning, m.colour]));
    renderInfo(data.table, data.department);
    renderSummary(data.summary);
    renderFilters(data.summary);
    renderRows(data.rows);
    $("result").hidden = false;
  }

  function renderInfo(table, department) {
    const parts = [`文件：${table.name}（${table.format.toUpperCase()}${table.encoding_name ? "，" + table.encoding_name : ""}${table.sheet ? "，工作表“" + table.sheet + "”" : ""}）`];
    parts.push(`项目名称列“${table.text_column}”`);
    if (table.department_column) parts.push(`部门列“${table.department_column}”`);
    if (table.amount_column) parts.push(`金额列“${table.amount_column}”`);
    parts.push(department ? `购买主体按“${department}”` : table.department_column ? "按各行的部门判断" : "未指定部门：与全部 15 个部门的目录比较");
    $("table-info").textContent = parts.join("；") + (table.notes.length ? "。注意：" + table.notes.join("；") : "");
  }

  function renderSummary(summary) {
    const hasAmount = summary.amount_column !== null;
    $("summary-amount").textContent = hasAmount ? `金额（${summary.amount_column}）` : "金额";
    const shown = summary.meanings.filter((m) => m.count || ["in_scope", "review", "excluded", "not_listed"].includes(m.meaning));
    const most = Math.max(1, ...shown.map((m) => m.count));
    clear($("summary").tBodies[0], shown.map((m) =>
      el("tr", {"data-meaning": m.meaning},
        el("td", {class: "verdict", style: {backgroundColor: m.colour}}, m.label),
        el("td", {class: "num"}, m.count),
        el("td", {class: "num"}, hasAmount ? number(m.amount) : "—"),
        el("td", {class: "bar"}, el("span", {style: {width: `${(100 * m.count) / most}%`, backgroundColor: m.colour}})),
        el("td", {class: "explain"}, m.explanation),
      )));
    $("categories").textContent = summary.categories.length
      ? "理由类别（含该类理由的行数）：" + summary.categories.map((c) => `${c.label} ${c.count}`).join("，")
      : "";
  }

  function option(value, text) {
    return el("option", {value}, text);
  }

  function renderFilters(summary) {
    clear($("filter-meaning"), option("", `全部（${summary.rows}）`),
      summary.meanings.filter((m) => m.count).map((m) => option(m.meaning, `${m.label}（${m.count}）`)));
    clear($("filter-reason"), option("", "全部"),
      summary.categories.map((c) => option(c.category, `${c.label}（${c.count}）`)));
  }

  function entryCell(entry) {
    if (!entry) return "—";
    return [
      el("div", {}, `${entry.department} ${entry.code} ${entry.name}`),
      entry.path.length ? el("div", {class: "path"}, entry.path.join(" > ")) : null,
    ];
  }

  function detailRow(row) {
    const items = row.reasons.map((r) => el("li", {}, `${r.label}：${r.message}`, el("span", {class: "path"}, `（依据：${r.basis}）`)));
    const candidates = row.candidates.map((c) =>
      el("li", {}, `${c.department} ${c.code} ${c.name}（得分 ${Math.round(c.score)}）`,
        el("div", {class: "path"}, `${c.path.join(" > ")}；${c.why}`)));
    return el("tr", {class: "details"}, el("td", {colspan: "7"},
      el("strong", {}, "理由"), el("ul", {}, items),
      candidates.length ? [el("strong", {}, "其他候选条目"), el("ol", {}, candidates)] : el("p", {class: "muted"}, "没有其他候选条目。")));
  }

  function renderRows(rows) {
    const body = clear($("rows").tBodies[0]);
    for (const row of rows) {
      const more = el("button", {type: "button", class: "link"}, row.candidates.length ? `其他候选（${row.candidates.length}）` : "理由依据");
      const tr = el("tr", {class: "row", "data-row": row.row, "data-verdict": row.verdict, "data-meaning": row.meaning, "data-categories": row.categories.join(" ")},
        el("td", {class: "num"}, row.row),
        el("td", {class: "text"}, row.text || "（空）"),
        el("td", {class: "department"}, row.department || ""),
        el("td", {class: "verdict", style: {backgroundColor: colours[row.meaning]}}, row.label),
        el("td", {class: "entry"}, entryCell(row.entry)),
        el("td", {class: "reason"}, row.reason),
        el("td", {class: "more"}, more));
      more.addEventListener("click", () => {
        const next = tr.nextElementSibling;
        if (next && next.classList.contains("details")) next.remove();
        else tr.after(detailRow(row));
      });
      body.append(tr);
    }
    applyFilters();
  }

  function applyFilters() {
    const meaning = $("filter-meaning").value;
    const reason = $("filter-reason").value;
    let shown = 0;
    let total = 0;
    for (const tr of $("rows").tBodies[0].rows) {
      if (!tr.classList.contains("row")) continue;
      total += 1;
      const visible = (!meaning || tr.dataset.meaning === meaning) &&
        (!reason || tr.dataset.categories.split(" ").includes(reason));
      tr.hidden = !visible;
      const next = tr.nextElementSibling;
      if (next && next.classList.contains("details")) next.hidden = !visible;
      if (visible) shown += 1;
    }
    $("shown").textContent = `显示 ${shown} / ${total} 行`;
  }

  // -- browsing --------------------------------------------------------------------------------
  let catalogueInfo = null;

  async function loadDepartments() {
    const data = await get("/api/departments");
    catalogueInfo = data.catalogue;
    maxBody = data.max_body;
    $("source").textContent = `${data.catalogue.title}（${data.catalogue.document_number}）`;
    $("limits").textContent = `文件最大 ${data.max_body / 1048576} MB，最多 ${data.max_rows} 行；读法与命令行 catalogue check 相同。`;
    clear($("departments"), data.departments.map((d) =>
      el("li", {}, el("button", {type: "button", class: "link", "data-department": d.name, on: {click: () => showTree(d.name)}}, `${d.name}（${d.entries} 条）`))));
    clear($("q-department"), option("", "全部部门"), data.departments.map((d) => option(d.name, d.name)));
  }

  function entryButton(entry, text) {
    return el("button", {type: "button", class: "link", on: {click: () => showEntry(entry.department, entry.code)}},
      text || `${entry.code} ${entry.name}`);
  }

  function treeList(nodes) {
    return el("ul", {}, nodes.map((node) => el("li", {},
      entryButton(node), node.note ? el("span", {class: "note"}, `（${node.note}）`) : null,
      node.children.length ? treeList(node.children) : null)));
  }

  async function showTree(department) {
    try {
      const data = await get("/api/tree", {department});
      $("tree-title").textContent = `${data.department}的目录`;
      $("tree-notes").textContent = data.notes.join(" ");
      clear($("tree"), el("div", {class: "tree"}, treeList(data.tree)));
      for (const b of $("departments").querySelectorAll("button")) {
        b.classList.toggle("selected", b.dataset.department === data.department);
      }
    } catch (e) {
      clear($("tree"), el("p", {class: "error"}, e.message));
    }
  }

  function field(name, ...value) {
    return [el("dt", {}, name), el("dd", {}, ...value)];
  }

  function basisText() {
    const c = catalogueInfo;
    if (!c) return "";
    let text = `${c.document_number}《${c.notice_title}》（${c.issuer}，${c.issue_date}）`;
    if (c.basis) text += `；依据 ${c.basis}`;
    if (c.relayed_by) text += `；${c.relayed_by.issuer}以 ${c.relayed_by.document_number} 转发（${c.relayed_by.issue_date}）`;
    return text;
  }

  async function showEntry(department, code) {
    showTab("browse");
    const card = $("entry-card");
    card.hidden = false;
    try {
      const e = await get("/api/entry", {department, code});
      if ($("tree-title").textContent !== `${e.department}的目录`) showTree(e.department);
      const rows = [
        field("代码", e.code), field("名称", e.name), field("部门", e.department),
        field("级次", `${e.level} 级`), field("路径", e.path.join(" > ")),
      ];
      if (e.parent) rows.push(field("上级", entryButton(e.parent)));
      if (e.restrictions.length) rows.push(field("适用限制", e.restrictions.join("；")));
      if (e.children.length) rows.push(field("下级", el("ul", {class: "plain"}, e.children.map((c) => el("li", {}, entryButton(c))))));
      if (e.source_code) rows.push(field("原表代码", e.source_code));
      if (e.source_name) rows.push(field("原表名称", e.source_name));
      if (e.correction) rows.push(field("更正理由", e.correction));
      if (e.remark) rows.push(field("转录说明", e.remark));
      if (e.source_line) rows.push(field("原表行号", e.source_line));
      if (e.other_departments.length) rows.push(field("同码部门", e.other_departments.join("、")));
      if (e.department_notes.length) rows.push(field("部门目录说明", e.department_notes.join(" ")));
      rows.push(field("依据", basisText()));
      clear($("entry"), el("h3", {}, `${e.code} ${e.name}`), el("dl", {class: "fields"}, rows));
    } catch (err) {
      clear($("entry"), el("p", {class: "error"}, err.message));
    }
  }

  // -- searching -------------------------------------------------------------------------------
  let searchTimer = null;
  function searchTyped() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const q = $("q").value.trim();
      if (!q) {
        $("q-count").textContent = "";
        clear($("hits"));
        return;
      }
      try {
        const data = await get("/api/search", {q, department: $("q-department").value, all_levels: $("q-all").checked ? "1" : ""});
        $("q-count").textContent = data.count
          ? `共 ${data.count} 条${data.count > data.hits.length ? `，列出前 ${data.hits.length} 条` : ""}。`
          : `没有名称与“${data.query}”相符的条目。`;
        clear($("hits"), data.hits.map((h) => el("li", {},
          entryButton(h, `${h.department} ${h.code} ${h.name}`), el("span", {class: "muted"}, ` · ${h.match_label}`),
          el("div", {class: "path"}, h.path.join(" > ")))));
      } catch (e) {
        $("q-count").textContent = e.message;
        clear($("hits"));
      }
    }, 200);
  }

  // -- wiring ----------------------------------------------------------------------------------
  function start() {
    for (const b of document.querySelectorAll("nav button")) b.addEventListener("click", () => showTab(b.dataset.tab));
    const fromHash = () => {
      const tab = location.hash.slice(1);
      showTab(["check", "browse", "search"].includes(tab) ? tab : "check");
    };
    window.addEventListener("hashchange", fromHash);
    fromHash();
    $("buyer").addEventListener("input", buyerTyped);
    buyerTyped();
    $("check-paste").addEventListener("click", checkPaste);
    $("file").addEventListener("change", () => {
      checkFile($("file").files[0]);
      $("file").value = "";
    });
    const drop = $("drop");
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      checkFile(e.dataTransfer.files[0]);
    });
    $("filter-meaning").addEventListener("change", applyFilters);
    $("filter-reason").addEventListener("change", applyFilters);
    $("download-xlsx").addEventListener("click", () => download("xlsx"));
    $("download-csv").addEventListener("click", () => download("csv"));
    for (const id of ["q", "q-department", "q-all"]) $(id).addEventListener(id === "q" ? "input" : "change", searchTyped);
    loadDepartments().catch((e) => status(e.message, true));
  }

  start();
})();
