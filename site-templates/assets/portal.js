// Roster portal: the Consumer Orgs page. Without JavaScript it is static pages of orgs in name
// order with numbered links. With it, the table sorts by any column, filters by status and
// searches names, ids, team names and members' names, loading the index in pieces
// (search/*.js, each registering itself, so it works from file:// too) only when asked.
// The view is kept in the address (?q=&status=&sort=&page=), so it can be bookmarked.
// Record text is only ever set as text, never as HTML.
(function () {
  "use strict";
  var form = document.querySelector("form[data-orgs-index]");
  if (!form) return;
  var table = document.getElementById(form.getAttribute("data-orgs-table"));
  var nav = document.getElementById(form.getAttribute("data-orgs-pages"));
  var base = form.getAttribute("data-orgs-index");
  var search = form.elements.q, status = form.elements.status, sorter = form.elements.sort;
  var shown = form.querySelector("output");
  var tbody = table.tBodies[0];
  var staticRows = Array.prototype.slice.call(tbody.rows), staticNav = nav.cloneNode(true), staticShown = shown.textContent;
  var labels = { disabled: "Disabled", enabled: "Enabled", pending: "Pending", rejected: "Rejected" };
  var columns = { status: 2, teams: 3, users: 4, shares: 6, created: 7 };
  var firstDescending = { teams: true, users: true, shares: true, created: true };

  // Pieces: each script calls RosterOrgsIndex.add(name, data) when it has loaded.
  var pieces = Object.create(null), waiting = Object.create(null);
  window.RosterOrgsIndex = {
    add: function (name, data) {
      pieces[name] = data;
      (waiting[name] || []).forEach(function (w) { w.resolve(data); });
      delete waiting[name];
    }
  };
  function load(name) {
    if (name in pieces) return Promise.resolve(pieces[name]);
    return new Promise(function (resolve, reject) {
      if (waiting[name]) { waiting[name].push({ resolve: resolve, reject: reject }); return; }
      waiting[name] = [{ resolve: resolve, reject: reject }];
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w.reject(new Error(script.src)); });
        delete waiting[name];
      };
      document.head.appendChild(script);
    });
  }

  // Marks in `mask` the orgs of a list: gaps in base 36, or "~" and a base64 bitmap.
  function mark(list, mask) {
    var i, k;
    if (list.charAt(0) === "~") {
      var bits = atob(list.slice(1));
      for (i = 0; i < bits.length; i++) {
        var b = bits.charCodeAt(i);
        if (b) for (k = 0; k < 8; k++) if (b & (1 << k)) mask[i * 8 + k] = 1;
      }
    } else if (list) {
      var n = -1, gaps = list.split(",");
      for (i = 0; i < gaps.length; i++) { n += parseInt(gaps[i], 36) + 1; mask[n] = 1; }
    }
    return mask;
  }
  function decode(list, total) {
    var mask = mark(list, new Uint8Array(total)), out = [];
    for (var n = 0; n < mask.length; n++) if (mask[n]) out.push(n);
    return out;
  }

  // Words as the build splits them (SearchTokens): no accents, lower case, letters and digits.
  function words(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The last index whose value is not after `x` (0 when none is).
  function floor(sorted, x) {
    var lo = 0, hi = sorted.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] <= x) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return at;
  }

  // Orgs having a word that starts with `w`, as a mask of m.orgs bytes: the build's entry
  // "w*" when many words start with `w` (the union of their lists, one piece), else the lists
  // of the few words that do. Kept, so typing a longer query does not redo its first words.
  var masks = Object.create(null), maskCount = 0;
  function wordMask(w, m) {
    if (masks[w]) return masks[w];
    if (++maskCount > 64) { masks = Object.create(null); maskCount = 1; }
    var star = w + "*";
    return masks[w] = load("terms-" + floor(m.terms, star)).then(function (piece) {
      if (typeof piece[star] === "string") return mark(piece[star], new Uint8Array(m.orgs));
      var at = floor(m.terms, w), names = [];
      for (var i = at; i < m.terms.length && (i === at || m.terms[i].lastIndexOf(w, 0) === 0); i++) names.push("terms-" + i);
      return Promise.all(names.map(load)).then(function (shards) {
        var mask = new Uint8Array(m.orgs);
        shards.forEach(function (shard) {
          for (var t in shard) if (t.lastIndexOf(w, 0) === 0 && t.charAt(t.length - 1) !== "*") mark(shard[t], mask);
        });
        return mask;
      });
    }, function (error) { delete masks[w]; throw error; });
  }

  // Orgs having a word that starts with each word of the query, as a mask (null: no word).
  function matching(query, m) {
    var ws = words(query).filter(function (w, i, all) { return all.indexOf(w) === i; });
    if (!ws.length) return Promise.resolve(null);
    return Promise.all(ws.map(function (w) { return wordMask(w, m); })).then(function (found) {
      if (found.length === 1) return found[0];
      var all = found[0].slice();
      for (var k = 1; k < found.length; k++) for (var n = 0; n < all.length; n++) all[n] &= found[k][n];
      return all;
    });
  }

  // Loads the rows pieces holding the given orgs; resolves to a function from number to row.
  function rowsOf(numbers, m) {
    var needed = {};
    numbers.forEach(function (n) { needed[floor(m.rows, n)] = true; });
    return Promise.all(Object.keys(needed).map(function (i) { return load("rows-" + i); })).then(function () {
      return function (n) { var i = floor(m.rows, n); return pieces["rows-" + i][n - m.rows[i]]; };
    });
  }

  function state() {
    var key = sorter.value.replace(/^-/, "");
    return { q: search.value.trim(), status: status.value, key: key, descending: sorter.value.charAt(0) === "-", page: current.page };
  }
  var current = { page: 1 }, generation = 0;

  // The orgs of the view, in its order, then the rows of the page asked for.
  function compute(s, m) {
    return Promise.all([s.q ? matching(s.q, m) : null, s.status ? load("status-" + s.status) : null]).then(function (found) {
      var mask = found[0], list;
      if (found[1] !== null) list = decode(found[1], m.orgs).filter(function (n) { return !mask || mask[n]; });
      else if (mask) { list = []; for (var n = 0; n < mask.length; n++) if (mask[n]) list.push(n); }
      else { list = []; for (var k = 0; k < m.orgs; k++) list.push(k); }
      if (s.key === "name") return s.descending ? list.reverse() : list;
      var c = columns[s.key];
      return rowsOf(list, m).then(function (row) {
        var values = {};
        list.forEach(function (n) { values[n] = row(n)[c]; });
        var sign = s.descending ? -1 : 1;
        return list.sort(function (a, b) {
          var x = values[a], y = values[b];
          return x < y ? -sign : x > y ? sign : a - b;
        });
      });
    }).then(function (list) {
      var pages = Math.max(1, Math.ceil(list.length / m.pageSize));
      var page = Math.min(Math.max(1, s.page), pages);
      var slice = list.slice((page - 1) * m.pageSize, page * m.pageSize);
      return rowsOf(slice, m).then(function (row) {
        return { rows: slice.map(row), total: list.length, page: page, pages: pages, first: (page - 1) * m.pageSize };
      });
    });
  }

  function isDefault(s) {
    return !s.q && !s.status && s.key === "name" && !s.descending && s.page === staticPage;
  }
  // The number of this static page (orgs/page-N.html), shown as it is in the default view.
  var staticPage = Number(table.getAttribute("data-page")) || 1;

  function update(push) {
    var s = state(), mine = ++generation;
    remember(s);
    markSorted(s);
    if (isDefault(s)) { showStatic(); return Promise.resolve(); }
    table.setAttribute("aria-busy", "true");
    return load("manifest").then(function (m) { return compute(s, m); }).then(function (v) {
      if (mine !== generation) return;
      current.page = v.page;
      render(v);
      table.setAttribute("aria-busy", "false");
    }, function (error) {
      if (mine !== generation) return;
      shown.textContent = "The search index could not be loaded (" + error.message + ").";
      table.setAttribute("aria-busy", "false");
    });
  }

  function showStatic() {
    generation++;
    tbody.replaceChildren.apply(tbody, staticRows);
    nav.replaceWith(staticNav);
    nav = staticNav;
    staticNav = nav.cloneNode(true);
    shown.textContent = staticShown;
    table.setAttribute("aria-busy", "false");
  }

  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  // [name, id, status, teams, users, invitations, shares, created, share names], as the page's rows.
  function rowElement(r) {
    var tr = element("tr"), th = element("th"), link = element("a", "", r[0]);
    tr.setAttribute("data-status", r[2]);
    th.scope = "row";
    link.href = encodeURIComponent(r[1]) + "/index.html";
    th.append(link, " ", element("span", "id", r[1]));
    function cell(label, className, content) {
      var td = element("td", className);
      td.setAttribute("data-label", label);
      td.append.apply(td, content);
      tr.append(td);
    }
    tr.append(th);
    cell("Status", "", [element("span", "badge badge-" + r[2], labels[r[2]] || r[2])]);
    cell("Teams", "num", [String(r[3])]);
    cell("Users", "num", [String(r[4])]);
    cell("Shares", "", [element("span", "num", r[6]), " ", element("span", "share-names", r[8])]);
    cell("Created", "", [element("time", "", r[7])]);
    return tr;
  }

  function render(v) {
    tbody.replaceChildren.apply(tbody, v.rows.map(rowElement));
    shown.textContent = v.total ? "Orgs " + (v.first + 1) + "–" + (v.first + v.rows.length) + " of " + v.total : "No org matches.";
    var list = element("ul"), numbers = [1, v.pages], n;
    for (n = Math.max(1, v.page - 2); n <= Math.min(v.pages, v.page + 2); n++) numbers.push(n);
    numbers = numbers.filter(function (x, i) { return numbers.indexOf(x) === i; }).sort(function (a, b) { return a - b; });
    function link(page, text) {
      var li = element("li"), a = element("a", "", text);
      a.href = "?" + query(state(), page);
      a.setAttribute("data-page", page);
      if (page === v.page && text === String(page)) a.setAttribute("aria-current", "page");
      li.append(a);
      list.append(li);
    }
    if (v.page > 1) link(v.page - 1, "Previous");
    numbers.forEach(function (p, i) {
      if (i > 0 && p > numbers[i - 1] + 1) { var li = element("li"); li.append(element("span", "gap", "…")); list.append(li); }
      link(p, String(p));
    });
    if (v.page < v.pages) link(v.page + 1, "Next");
    nav.replaceChildren(list);
    nav.hidden = v.pages < 2;
  }

  function query(s, page) {
    var p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    if (s.status) p.set("status", s.status);
    if (sorter.value !== "name") p.set("sort", sorter.value);
    if (page > 1) p.set("page", page);
    return p.toString();
  }

  function remember(s) {
    try { history.replaceState(null, "", "?" + query(s, s.page)); } catch (e) { /* file:// may refuse */ }
  }

  function markSorted(s) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.getAttribute("data-sort") === s.key) th.setAttribute("aria-sort", s.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }

  function ensureOption(value) {
    if (!Array.prototype.some.call(sorter.options, function (o) { return o.value === value; })) {
      var o = element("option", "", value.replace(/^-/, "") + (value.charAt(0) === "-" ? ", descending" : ", ascending"));
      o.value = value;
      sorter.append(o);
    }
    sorter.value = value;
  }

  // Column headers become buttons: a click sorts by the column, a second click reverses.
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var key = th.getAttribute("data-sort");
    if (!key) return;
    var button = element("button", "sort", th.textContent);
    button.type = "button";
    th.replaceChildren(button);
    button.addEventListener("click", function () {
      var s = state();
      var descending = s.key === key ? !s.descending : !!firstDescending[key];
      ensureOption((descending ? "-" : "") + key);
      current.page = 1;
      update();
    });
  });
  sorter.hidden = false;
  form.querySelector("label[for=org-sort]").hidden = false;

  var params = new URLSearchParams(location.search);
  search.value = params.get("q") || "";
  if (params.get("status") && labels[params.get("status")]) status.value = params.get("status");
  if (/^-?(name|status|teams|users|shares|created)$/.test(params.get("sort") || "")) ensureOption(params.get("sort"));
  current.page = Number(params.get("page")) || staticPage;

  form.addEventListener("submit", function (e) { e.preventDefault(); current.page = 1; update(); });
  search.addEventListener("input", function () { current.page = 1; update(); });
  status.addEventListener("change", function () { current.page = 1; update(); });
  sorter.addEventListener("change", function () { current.page = 1; update(); });
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-page]");
    if (!a || !nav.contains(a)) return;
    e.preventDefault();
    current.page = Number(a.getAttribute("data-page"));
    update();
    table.scrollIntoView({ block: "start" });
  });
  if (!isDefault(state())) update();
})();
