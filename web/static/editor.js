// Los knowledge-base editor. One script for every editor page: the page
// names its view in <body data-view>, and the view's code runs. Everything
// goes through the JSON API under /api/v1; nothing from the API is ever
// inserted as HTML except the preview, which the server sanitizes.
(function () {
  "use strict";

  var body = document.body;
  var texts = JSON.parse(body.dataset.texts || "{}");
  var lang = body.dataset.lang || "nb";
  var csrf = body.dataset.csrf || "";
  var locale = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" }[lang] || "nb-NO";
  var langQuery = new URLSearchParams(location.search).get("lang") ? "?lang=" + lang : "";

  // T returns the text for key, with %s, %d and %v filled from args.
  function T(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    var s = texts[key] || key;
    return s.replace(/%[sdv]/g, function () { return args.length ? String(args.shift()) : ""; });
  }

  function $(id) { return document.getElementById(id); }

  // el builds an element: el("a", {href: "/"}, "text", child...).
  function el(tag, attrs) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") n.textContent = v;
      else if (k === "class") n.className = v;
      else if (k.slice(0, 2) === "on") n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? "" : v);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      n.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return n;
  }

  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); return n; }

  function say(id, msg) { var n = $(id); if (n) n.textContent = msg || ""; }

  function fmtTime(iso) {
    if (!iso) return "";
    return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  }

  function who(author) { return author || T("editor.common.system"); }

  // api calls the API and resolves to {ok, status, data}; error texts are
  // in data.error.display (the server's words in the page's standard).
  function api(method, url, payload, raw) {
    var opts = { method: method, credentials: "same-origin", headers: { "Accept": "application/json", "Accept-Language": lang } };
    if (method !== "GET") opts.headers["X-CSRF-Token"] = csrf;
    if (raw) {
      opts.body = raw;
      opts.headers["Content-Type"] = "application/zip";
    } else if (payload !== undefined) {
      opts.body = JSON.stringify(payload);
      opts.headers["Content-Type"] = "application/json";
    }
    return fetch(url, opts).then(function (res) {
      return res.text().then(function (t) {
        var data = {};
        try { data = t ? JSON.parse(t) : {}; } catch (e) { data = {}; }
        return { ok: res.ok, status: res.status, data: data };
      });
    }, function () {
      return { ok: false, status: 0, data: {} };
    });
  }

  // problem turns a failed call into a message for editors.
  function problem(r) {
    if (r.status === 0) return T("editor.error.network");
    if (r.status === 401) return T("editor.error.signed_out");
    var e = r.data && r.data.error;
    if (e && (e.display || e.message)) return e.display || e.message;
    return T("editor.error.unknown", r.status);
  }

  // confirm asks in the page's dialog; resolves to {ok, checked}.
  function confirmBox(message, okLabel, option) {
    var d = $("confirm");
    say("confirm-text", message);
    $("confirm-ok").textContent = okLabel;
    var opt = $("confirm-option");
    opt.hidden = !option;
    if (option) {
      $("confirm-check-label").textContent = option.label;
      $("confirm-check").checked = !!option.checked;
    }
    var back = document.activeElement;
    return new Promise(function (resolve) {
      d.addEventListener("close", function onClose() {
        d.removeEventListener("close", onClose);
        if (back && back.focus) back.focus();
        resolve({ ok: d.returnValue === "ok", checked: $("confirm-check").checked });
      });
      d.returnValue = "";
      d.showModal();
      $("confirm-cancel").focus();
    });
  }

  function stateText(a) {
    if (a.deleted) return T("editor.state.deleted");
    var s = T("editor.state." + a.state);
    if (a.pending) s += " · " + T("editor.state.pending");
    return s;
  }

  function link(path) { return path + langQuery; }

  // ---- Articles ---------------------------------------------------------

  function viewArticles() {
    var form = $("article-search");
    var params = new URLSearchParams(location.search);
    $("q").value = params.get("q") || "";
    $("state").value = params.get("state") || "";
    var timer = null;
    function load() {
      var q = new URLSearchParams({ q: $("q").value.trim(), state: $("state").value });
      say("list-status", T("editor.common.loading"));
      api("GET", "/api/v1/articles?" + q).then(function (r) {
        if (!r.ok) { say("list-status", problem(r)); return; }
        var tb = clear(document.querySelector("#articles tbody"));
        r.data.articles.forEach(function (a) {
          tb.appendChild(el("tr", null,
            el("td", null, el("a", { href: link("/editor/articles/" + a.slug) }, a.title), el("br"), el("span", { class: "slug" }, a.slug)),
            el("td", null, stateText(a)),
            el("td", null, T("editor.lang." + a.lang)),
            el("td", null, fmtTime(a.updated)),
            el("td", null, who(a.author))));
        });
        say("list-status", T("editor.articles.count", r.data.articles.length));
      });
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
    $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(load, 300); });
    $("state").addEventListener("change", load);
    load();
  }

  // ---- Edit -------------------------------------------------------------

  function viewEdit() {
    var slug = body.dataset.slug;
    var current = null; // the article as last loaded or saved
    var dirty = false;
    var slugTouched = false;
    var previewTimer = null;

    function fields() {
      return {
        slug: $("slug").value.trim(),
        title: $("title").value,
        body: $("body").value,
        lang: $("lang").value,
        tags: $("tags").value.split(",").map(function (t) { return t.trim(); }).filter(Boolean)
      };
    }

    function show(a) {
      current = a;
      slug = a.slug;
      $("title").value = a.title;
      $("slug").value = a.slug;
      $("slug").readOnly = true;
      $("lang").value = a.lang;
      $("tags").value = (a.tags || []).join(", ");
      $("body").value = a.body || "";
      dirty = false;
      showState();
      preview();
    }

    function showState() {
      var a = current;
      if (!a) { say("article-state", T("editor.edit.state_new")); return; }
      say("edit-heading", a.title);
      document.title = a.title + " – " + T("editor.site");
      var parts = [stateText(a), T("editor.edit.version", a.version, fmtTime(a.updated), who(a.author))];
      if (a.published && !a.pending) parts.push(T("editor.edit.live"));
      say("article-state", parts.join(" · "));
      var view = $("view-link");
      if (view) view.hidden = !a.published;
      if ($("archive")) {
        $("archive").hidden = a.state === "archived";
        $("unarchive").hidden = a.state !== "archived";
      }
    }

    function preview() {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(function () {
        api("POST", "/api/v1/editor/preview", { body: $("body").value }).then(function (r) {
          if (r.ok) $("preview").innerHTML = r.data.html; // sanitized by the server
        });
      }, 250);
    }

    function fail(r) {
      var msg = problem(r);
      if (r.status === 409 && current) {
        msg += " " + T("editor.edit.conflict_help");
      }
      say("edit-error", msg);
      say("edit-status", "");
    }

    // save stores the form as a new version; resolves to the article or
    // null. A new article's page is loaded after, unless stay is set.
    function save(stay) {
      say("edit-error", "");
      var f = fields();
      if (!f.title.trim()) { say("edit-error", T("editor.error.title")); $("title").focus(); return Promise.resolve(null); }
      if (!f.body.trim()) { say("edit-error", T("editor.error.body")); $("body").focus(); return Promise.resolve(null); }
      say("edit-status", T("editor.edit.saving"));
      var call = current
        ? api("PUT", "/api/v1/articles/" + encodeURIComponent(slug), Object.assign(f, { version: current.version }))
        : api("POST", "/api/v1/articles", f);
      return call.then(function (r) {
        if (!r.ok) { fail(r); return null; }
        var created = !current;
        show(r.data);
        say("edit-status", T("editor.edit.saved", r.data.version));
        if (created) history.replaceState(null, "", link("/editor/articles/" + r.data.slug));
        if (created && !stay) openArticle();

        return r.data;
      });
    }

    // openArticle loads a newly created article's own page, with the
    // buttons only existing articles have.
    function openArticle() {
      if (!$("history-link")) location.href = link("/editor/articles/" + slug) + (langQuery ? "&" : "?") + "done=" + encodeURIComponent($("edit-status").textContent);
    }

    function act(path, okKey, payload) {
      say("edit-error", "");
      return api("POST", "/api/v1/articles/" + encodeURIComponent(slug) + path, payload || {}).then(function (r) {
        if (!r.ok) { fail(r); return null; }
        show(r.data);
        say("edit-status", T(okKey));
        return r.data;
      });
    }

    $("article-form").addEventListener("submit", function (ev) { ev.preventDefault(); save(); });
    $("publish").addEventListener("click", function () {
      var go = dirty || !current ? save(true) : Promise.resolve(current);
      go.then(function (a) {
        if (!a) return null;
        return act("/publish", "editor.edit.published", { version: a.version });
      }).then(function (a) {
        if (a) openArticle();
      });
    });
    if ($("archive")) {
      $("archive").addEventListener("click", function () {
        confirmBox(T("editor.edit.confirm_archive", current.title), T("editor.edit.archive")).then(function (c) {
          if (c.ok) act("/archive", "editor.edit.archived");
        });
      });
      $("unarchive").addEventListener("click", function () { act("/unarchive", "editor.edit.unarchived"); });
      $("delete").addEventListener("click", function () {
        confirmBox(T("editor.edit.confirm_delete", current.title), T("editor.edit.delete")).then(function (c) {
          if (!c.ok) return;
          api("DELETE", "/api/v1/articles/" + encodeURIComponent(slug)).then(function (r) {
            if (!r.ok) { fail(r); return; }
            dirty = false;
            location.href = link("/editor/bin");
          });
        });
      });
    }
    ["title", "tags", "lang", "body"].forEach(function (id) {
      $(id).addEventListener("input", function () { dirty = true; if (id === "body") preview(); });
    });
    $("slug").addEventListener("input", function () { slugTouched = true; });
    $("title").addEventListener("input", function () {
      if (!current && !slugTouched) $("slug").value = slugify($("title").value);
    });
    document.addEventListener("keydown", function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); save(); }
    });
    window.addEventListener("beforeunload", function (ev) {
      if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
    });

    if (slug) {
      api("GET", "/api/v1/articles/" + encodeURIComponent(slug)).then(function (r) {
        if (!r.ok) { fail(r); return; }
        show(r.data);
        var done = new URLSearchParams(location.search).get("done");
        if (done) say("edit-status", done);
      });
    } else {
      var q = new URLSearchParams(location.search).get("q");
      $("lang").value = lang;
      if (q) {
        $("title").value = q;
        $("slug").value = slugify(q);
        $("body").value = T("editor.edit.from_question", q);
        dirty = true;
        preview();
      }
      showState();
    }
  }

  function slugify(s) {
    var map = { "æ": "ae", "ø": "o", "å": "a", "ö": "o", "ä": "a", "é": "e", "è": "e", "á": "a", "à": "a", "ü": "u" };
    return s.toLowerCase().replace(/[æøåöäéèáàü]/g, function (c) { return map[c]; })
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }

  // ---- History ----------------------------------------------------------

  function viewHistory() {
    var slug = body.dataset.slug;
    var article = null;
    var base = "/api/v1/articles/" + encodeURIComponent(slug);

    function load() {
      return api("GET", base + "/versions").then(function (r) {
        if (!r.ok) { say("history-error", problem(r)); return; }
        article = r.data.article;
        say("history-heading", T("editor.history.title_of", article.title));
        var tb = clear(document.querySelector("#versions tbody"));
        var from = clear($("from")), to = clear($("to"));
        r.data.versions.forEach(function (v) {
          var what = T("editor.history.action_" + v.action, v.source);
          var pub = v.live ? T("editor.history.live") : (v.published_at ? T("editor.history.was_published", fmtTime(v.published_at)) : "");
          var actions = el("div", { class: "row-actions" });
          if (v.version > 1) {
            actions.appendChild(el("button", { type: "button", onclick: function () { diff(v.version - 1, v.version); } },
              T("editor.history.show_changes", v.version)));
          }
          if (v.version !== article.version) {
            actions.appendChild(el("button", { type: "button", onclick: function () { rollback(v.version); } },
              T("editor.history.restore", v.version)));
          }
          tb.appendChild(el("tr", v.version === article.version ? { class: "current" } : null,
            el("th", { scope: "row" }, String(v.version) + (v.version === article.version ? " " + T("editor.history.latest") : "")),
            el("td", null, fmtTime(v.created)),
            el("td", null, who(v.author)),
            el("td", null, what),
            el("td", null, pub),
            el("td", null, actions)));
          from.appendChild(el("option", { value: v.version }, T("editor.history.option", v.version, fmtTime(v.created))));
          to.appendChild(el("option", { value: v.version }, T("editor.history.option", v.version, fmtTime(v.created))));
        });
        to.value = article.version;
        from.value = Math.max(1, article.version - 1);
        if (article.version > 1) diff(article.version - 1, article.version, true);
      });
    }

    function diff(a, b, quiet) {
      $("from").value = a;
      $("to").value = b;
      api("GET", base + "/diff?from=" + a + "&to=" + b).then(function (r) {
        if (!r.ok) { say("history-error", problem(r)); return; }
        var d = r.data;
        var parts = [T("editor.history.summary", d.from, d.to, d.added, d.removed)];
        if (d.changed.indexOf("title") >= 0) parts.push(T("editor.history.title_changed", d.old.title, d.new.title));
        if (d.changed.indexOf("tags") >= 0) parts.push(T("editor.history.tags_changed", d.old.tags, d.new.tags));
        if (d.changed.indexOf("lang") >= 0) parts.push(T("editor.history.lang_changed", T("editor.lang." + d.old.lang), T("editor.lang." + d.new.lang)));
        if (!d.changed.length) parts = [T("editor.history.no_changes", d.from, d.to)];
        say("diff-summary", parts.join(" "));
        var list = clear($("diff"));
        d.lines.forEach(function (l) {
          var mark = l.op === "+" ? "+" : l.op === "-" ? "−" : " ";
          var label = l.op === "+" ? T("editor.history.added") : l.op === "-" ? T("editor.history.removed") : "";
          var line = l.op === "+" ? el("ins", null, l.text) : l.op === "-" ? el("del", null, l.text) : el("span", null, l.text);
          list.appendChild(el("li", { class: "op-" + (l.op === "+" ? "add" : l.op === "-" ? "del" : "same") },
            el("span", { class: "mark", "aria-hidden": "true" }, mark),
            label ? el("span", { class: "visually-hidden" }, label + " ") : null,
            line));
        });
        if (!quiet) $("diff-heading").focus();
      });
    }

    function rollback(v) {
      confirmBox(T("editor.history.confirm_restore", v), T("editor.history.restore", v),
        { label: T("editor.history.publish_now"), checked: article.published }).then(function (c) {
        if (!c.ok) return;
        say("history-error", "");
        api("POST", base + "/rollback", { version: v, base_version: article.version, publish: c.checked }).then(function (r) {
          if (!r.ok) { say("history-error", problem(r)); return; }
          say("history-status", T(c.checked ? "editor.history.restored_published" : "editor.history.restored", v, r.data.version));
          load();
        });
      });
    }

    $("compare").addEventListener("submit", function (ev) {
      ev.preventDefault();
      diff(Number($("from").value), Number($("to").value));
    });
    load();
  }

  // ---- Bin --------------------------------------------------------------

  function viewBin() {
    function load() {
      api("GET", "/api/v1/articles?bin=1").then(function (r) {
        if (!r.ok) { say("bin-error", problem(r)); return; }
        var tb = clear(document.querySelector("#bin tbody"));
        r.data.articles.forEach(function (a) {
          tb.appendChild(el("tr", null,
            el("td", null, a.title, el("br"), el("span", { class: "slug" }, a.slug)),
            el("td", null, fmtTime(a.deleted)),
            el("td", null, el("button", { type: "button", onclick: function () { restore(a); } }, T("editor.bin.restore", a.title)))));
        });
        if (!r.data.articles.length) say("bin-status", T("editor.bin.empty"));
      });
    }
    function restore(a) {
      api("POST", "/api/v1/articles/" + encodeURIComponent(a.slug) + "/restore", {}).then(function (r) {
        if (!r.ok) { say("bin-error", problem(r)); return; }
        say("bin-status", T("editor.bin.restored", a.title));
        load();
      });
    }
    load();
  }

  // ---- Synonyms ---------------------------------------------------------

  function viewSynonyms() {
    var area = $("syn");
    api("GET", "/api/v1/editor/synonyms").then(function (r) {
      if (!r.ok) { say("syn-error", problem(r)); return; }
      area.value = r.data.text;
      say("syn-status", r.data.stored ? T("editor.synonyms.stored", fmtTime(r.data.updated), who(r.data.author)) : T("editor.synonyms.from_file"));
    });
    $("syn-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      say("syn-error", "");
      area.removeAttribute("aria-invalid");
      api("PUT", "/api/v1/editor/synonyms", { text: area.value }).then(function (r) {
        if (!r.ok) {
          say("syn-error", problem(r));
          say("syn-status", "");
          if (r.data.line) selectLine(area, r.data.line);
          return;
        }
        say("syn-status", T("editor.synonyms.saved", r.data.groups));
      });
    });
  }

  function selectLine(area, n) {
    var lines = area.value.split("\n");
    var start = 0;
    for (var i = 0; i < n - 1 && i < lines.length; i++) start += lines[i].length + 1;
    area.setAttribute("aria-invalid", "true");
    area.focus();
    area.setSelectionRange(start, start + (lines[n - 1] || "").length);
  }

  // ---- Import -----------------------------------------------------------

  function viewImport() {
    var file = null, digest = "";
    $("import-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      file = $("zip").files[0];
      if (!file) { say("import-error", T("editor.import.choose")); return; }
      say("import-error", "");
      say("import-status", T("editor.import.checking"));
      $("import-result").hidden = true;
      api("POST", "/api/v1/editor/import/preview", undefined, file).then(function (r) {
        say("import-status", "");
        if (!r.ok) { say("import-error", problem(r)); return; }
        showResult(r.data);
      });
    });
    $("import-commit").addEventListener("click", function () {
      confirmBox(T("editor.import.confirm"), T("editor.import.commit")).then(function (c) {
        if (!c.ok) return;
        say("import-status", T("editor.import.importing"));
        api("POST", "/api/v1/editor/import/commit?digest=" + encodeURIComponent(digest), undefined, file).then(function (r) {
          say("import-status", "");
          if (!r.ok) { say("import-error", problem(r)); return; }
          showResult(r.data);
        });
      });
    });

    function showResult(d) {
      digest = d.digest;
      var c = d.counts;
      var summary = T("editor.import.summary", c["new"] || 0, c.changed || 0, c.unchanged || 0, c.invalid || 0);
      if (d.done) summary = T("editor.import.done") + " " + summary;
      else if (!d.ok) summary += " " + T("editor.import.fix_first");
      say("import-summary", summary);
      var tb = clear(document.querySelector("#import-items tbody"));
      d.items.forEach(function (it) {
        var details = el("td");
        (it.errors || []).forEach(function (e) {
          details.appendChild(el("p", { class: it.status === "invalid" ? "error-line" : "" },
            e.line ? T("editor.import.line", e.line, e.message) : e.message));
        });
        if (it.fields && it.fields.length) {
          details.appendChild(el("p", null, it.fields.map(function (f) { return T("editor.import.field_" + f); }).join(", ")));
        }
        if (it.draft && it.status !== "invalid") details.appendChild(el("p", null, T("editor.import.as_draft")));
        tb.appendChild(el("tr", { class: "status-" + it.status },
          el("td", null, it.file),
          el("td", null, it.title || it.slug || (it.kind === "synonyms" ? T("editor.nav.synonyms") : "")),
          el("td", null, T("editor.import.status_" + it.status)),
          details));
      });
      $("import-result").hidden = false;
      $("import-commit").hidden = !d.ok || d.done;
      $("import-summary-heading").focus();
    }
  }

  // ---- Question tester ----------------------------------------------------

  function viewTester() {
    $("test-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = $("question").value.trim();
      if (!q) { say("test-error", T("editor.tester.empty")); return; }
      say("test-error", "");
      say("test-status", T("editor.tester.running"));
      api("POST", "/api/v1/editor/test", { question: q, drafts: $("drafts").checked }).then(function (r) {
        say("test-status", "");
        if (!r.ok) { say("test-error", problem(r)); return; }
        showTest(r.data);
      });
    });
  }

  function showTest(d) {
    var a = d.answer;
    say("t-meta", T("editor.tester.meta", T("editor.tester.action_" + a.action), T("editor.tester.mode_" + a.mode), T("editor.lang." + a.lang)));
    var ans = clear($("t-answer"));
    (a.answer || "").split(/\n{2,}/).forEach(function (p) { ans.appendChild(el("p", null, p)); });
    var cites = clear($("t-cites"));
    if (a.citations && a.citations.length) {
      cites.appendChild(document.createTextNode(T("editor.tester.cites") + " "));
      a.citations.forEach(function (s, i) {
        if (i) cites.appendChild(document.createTextNode(", "));
        cites.appendChild(el("a", { href: link("/editor/articles/" + s) }, s));
      });
    } else {
      cites.textContent = T("editor.tester.no_cites");
    }
    var tri = clear($("t-triage"));
    var t = d.triage || { category: a.category, severity: a.severity, action: a.action, signals: a.signals };
    pair(tri, T("editor.tester.category"), T("editor.tester.cat_" + t.category));
    pair(tri, T("editor.tester.severity"), T("editor.tester.sev_" + t.severity));
    pair(tri, T("editor.tester.action"), T("editor.tester.action_" + t.action));
    pair(tri, T("editor.tester.signals"), (t.signals || []).join(", ") || "–");
    var qd = clear($("t-query"));
    pair(qd, T("editor.tester.terms"), (d.query.terms || []).join(", ") || "–");
    pair(qd, T("editor.tester.synonyms"), (d.query.synonyms || []).map(function (e) {
      return e.phrase + " → " + e.synonyms.join(", ");
    }).join("; ") || T("editor.tester.no_synonyms"));
    var tb = clear(document.querySelector("#t-hits tbody"));
    d.hits.forEach(function (h) {
      var where = el("td", null, el("a", { href: link("/editor/articles/" + h.slug) }, h.title));
      if (h.heading && h.heading !== h.title) where.appendChild(document.createTextNode(" › " + h.heading));
      if (h.draft) where.appendChild(el("span", { class: "badge" }, T("editor.tester.draft")));
      where.appendChild(el("p", { class: "snippet" }, h.snippet));
      tb.appendChild(el("tr", h.used ? { class: "used" } : null,
        where,
        el("td", null, h.score.toFixed(2)),
        el("td", null, Math.round(h.coverage * 100) + " %" + (h.relevant ? "" : " (" + T("editor.tester.too_low") + ")")),
        el("td", null, (h.matched || []).join(", ")),
        el("td", null, h.used ? T("editor.common.yes") : T("editor.common.no"))));
    });
    if (!d.hits.length) tb.appendChild(el("tr", null, el("td", { colspan: "5" }, T("editor.tester.no_hits"))));
    $("test-result").hidden = false;
    $("t-answer-heading").focus();
  }

  function pair(dl, k, v) { dl.appendChild(el("dt", null, k)); dl.appendChild(el("dd", null, v)); }

  // ---- Content gaps -------------------------------------------------------

  function viewGaps() {
    function load() {
      say("gaps-status", T("editor.common.loading"));
      api("GET", "/api/v1/editor/gaps?days=" + $("days").value).then(function (r) {
        if (!r.ok) { say("gaps-status", ""); say("gaps-error", problem(r)); return; }
        var list = clear($("gaps"));
        r.data.groups.forEach(function (g) {
          var item = el("li", null,
            el("h2", null, g.question),
            el("p", { class: "help" }, T("editor.gaps.stats", g.count, g.no_answer, g.thumbs_down, fmtTime(g.last))));
          if (g.examples.length > 1) {
            var ul = el("ul");
            g.examples.forEach(function (x) { ul.appendChild(el("li", null, x)); });
            item.appendChild(el("details", null, el("summary", null, T("editor.gaps.wordings", g.examples.length)), ul));
          }
          item.appendChild(el("a", { class: "button", href: link("/editor/new") + (langQuery ? "&" : "?") + "q=" + encodeURIComponent(g.question) },
            T("editor.gaps.write"), el("span", { class: "visually-hidden" }, ": " + g.question)));
          list.appendChild(item);
        });
        say("gaps-status", r.data.groups.length ? T("editor.gaps.count", r.data.questions, r.data.groups.length) : T("editor.gaps.none"));
      });
    }
    $("gaps-form").addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
    load();
  }

  var views = {
    articles: viewArticles, edit: viewEdit, history: viewHistory, bin: viewBin,
    synonyms: viewSynonyms, "import": viewImport, tester: viewTester, gaps: viewGaps
  };
  if (views[body.dataset.view]) views[body.dataset.view]();
})();
