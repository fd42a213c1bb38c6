/* jxlint HTML report: filters by severity and family, search, sortable score table. No network. */
(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var cards = Array.prototype.slice.call(document.querySelectorAll("section.card"));
  var units = Array.prototype.slice.call(document.querySelectorAll("section.unit"));
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var flagged = Array.prototype.slice.call(document.querySelectorAll("[data-f]"));
  var scoreRows = Array.prototype.slice.call(document.querySelectorAll("table.scores tbody tr"));
  var search = document.getElementById("search");
  var onlyProblems = document.getElementById("only-problems");
  var hiddenCount = document.getElementById("hidden-count");
  var shownCount = document.getElementById("shown-count");
  var noResult = document.getElementById("no-result");
  var byId = {};
  findings.forEach(function (f) { byId[f.id] = f; });
  var texts = new Map();
  cards.forEach(function (card) { texts.set(card, card.textContent.toLowerCase()); });
  units.forEach(function (unit) {
    var heading = unit.querySelector(":scope > h3");
    texts.set(unit, heading ? heading.textContent.toLowerCase() : "");
  });

  function checked(name) {
    var set = new Set();
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (box.checked) { set.add(box.value); }
    });
    return set;
  }

  function apply() {
    var severities = checked("severity");
    var families = checked("family");
    var query = (search.value || "").trim().toLowerCase();
    var hidden = 0;
    findings.forEach(function (f) {
      var show = severities.has(f.dataset.sev) && families.has(f.dataset.family);
      f.hidden = !show;
      if (!show) { hidden += 1; }
    });
    flagged.forEach(function (el) {
      var visible = el.dataset.f.split(" ").some(function (id) { return byId[id] && !byId[id].hidden; });
      el.classList.toggle(el.tagName === "MARK" ? "hl-off" : "flag-off", !visible);
    });
    document.querySelectorAll("tr.finding-row").forEach(function (row) {
      row.hidden = !row.querySelector("li.finding:not([hidden])");
    });
    var shownCards = 0;
    var visibleCards = new Set();
    cards.forEach(function (card) {
      var matches = !query || texts.get(card).indexOf(query) >= 0;
      var problems = !onlyProblems.checked || card.querySelector("li.finding:not([hidden])");
      card.hidden = !(matches && problems);
      if (!card.hidden) { shownCards += 1; visibleCards.add(card.id); }
    });
    units.forEach(function (unit) {
      var ownMatch = !query || texts.get(unit).indexOf(query) >= 0;
      var ownFindings = unit.querySelector(":scope > .scope-findings li.finding:not([hidden])");
      unit.hidden = !unit.querySelector("section.card:not([hidden])") && !(ownMatch && ownFindings);
    });
    files.forEach(function (file) {
      var ownFindings = file.querySelector(":scope > .scope-findings li.finding:not([hidden])");
      file.hidden = !!query && !file.querySelector("section.unit:not([hidden])") && !ownFindings;
    });
    scoreRows.forEach(function (row) { row.hidden = !visibleCards.has(row.dataset.card); });
    hiddenCount.textContent = String(hidden);
    hiddenCount.dataset.count = String(hidden);
    shownCount.textContent = String(findings.length - hidden);
    noResult.hidden = shownCards > 0;
  }

  function reset() {
    document.querySelectorAll('input[name="severity"], input[name="family"]').forEach(function (box) {
      box.checked = true;
    });
    search.value = "";
    onlyProblems.checked = false;
    apply();
  }

  function sortBy(th) {
    var table = th.closest("table");
    var body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.dataset.type === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.v;
      var y = b.cells[index].dataset.v;
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "zh");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll("table.scores th").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(th); }
    });
  });
  document.querySelectorAll('input[name="severity"], input[name="family"]').forEach(function (box) {
    box.addEventListener("change", apply);
  });
  onlyProblems.addEventListener("change", apply);
  search.addEventListener("input", apply);
  document.getElementById("reset").addEventListener("click", reset);
  var toolbar = document.querySelector(".toolbar");
  function keepClearOfToolbar() {
    var root = document.documentElement.style;
    root.setProperty("--toolbar-height", toolbar.offsetHeight + "px");
    root.scrollPaddingTop = (toolbar.offsetHeight + 96) + "px";
  }
  function jumpTo(id) {
    var target = document.getElementById(id);
    if (!target) { return false; }
    if (target.closest("[hidden]")) { reset(); }
    document.querySelectorAll(".jump").forEach(function (el) { el.classList.remove("jump"); });
    target.classList.add("jump");
    var block = target.closest("tbody.ind") || target;
    var card = target.closest("section.card");
    if (card && block !== card) {
      var below = block.getBoundingClientRect().top - card.getBoundingClientRect().top;
      if (below < window.innerHeight / 2) { block = card; }
    }
    block.scrollIntoView({ block: "start" });
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link) { return; }
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    if (jumpTo(id)) {
      event.preventDefault();
      history.replaceState(null, "", "#" + id);
    }
  });
  window.addEventListener("resize", keepClearOfToolbar);
  keepClearOfToolbar();
  apply();
  if (location.hash) { jumpTo(decodeURIComponent(location.hash.slice(1))); }
  document.body.dataset.ready = "1";
})();
