// Los agent inbox: a live queue over server-sent events, the transcript of
// the chosen conversation, and the actions on it. Every text the page
// shows comes from the server's locale files; customer text is only ever
// set with textContent.
(function () {
  "use strict";

  var texts = JSON.parse(document.getElementById("agent-texts").textContent || "{}");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var $ = function (id) { return document.getElementById(id); };

  function t(key) {
    var s = texts[key] || key;
    for (var i = 1; i < arguments.length; i++) {
      s = s.replace(/%(?:0?\d)?[sd]/, String(arguments[i]));
    }
    return s;
  }

  var state = { queue: [], selected: null, conversation: null, callbacks: [], shown: 0, shownID: null };

  function api(method, url, body) {
    var opts = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (method !== "GET") {
      opts.headers["X-CSRF-Token"] = csrf;
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body || {});
    }
    return fetch(url, opts).then(function (res) {
      if (res.status === 401) {
        window.location.href = "/agent/login";
        throw new Error("signed out");
      }
      return res.json().then(function (data) {
        if (!res.ok) {
          throw new Error((data.error && (data.error.display || data.error.message)) || res.statusText);
        }
        return data;
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function waited(created) {
    var min = Math.max(0, Math.floor((Date.now() - new Date(created).getTime()) / 60000));
    if (min < 60) { return t("agent.minutes", min); }
    return t("agent.hours", Math.floor(min / 60), min % 60);
  }

  function categoryLabel(h) { return t("agent.category." + h.category); }

  // The queue ---------------------------------------------------------

  function renderStatus(st) {
    var s = st.open ? t("agent.open") : t("agent.closed");
    $("service-status").textContent = s + " · " + t("agent.online", st.agents_online);
  }

  function renderQueue() {
    var list = $("queue");
    var focused = document.activeElement && list.contains(document.activeElement) ?
      document.activeElement.closest("li").dataset.conversation : null;
    list.replaceChildren();
    var waiting = 0;
    state.queue.forEach(function (h) {
      if (h.status === "waiting") { waiting++; }
      var li = el("li", "item severity-" + h.severity);
      li.dataset.conversation = h.conversation_id;
      var b = el("button", "item-button");
      b.type = "button";
      if (h.conversation_id === state.selected) { b.setAttribute("aria-current", "true"); }
      var head = el("span", "item-head");
      head.appendChild(el("span", "badge badge-" + h.severity, t("agent.severity." + h.severity)));
      head.appendChild(el("span", "category", categoryLabel(h)));
      var w = head.appendChild(el("span", "waited", t("agent.waited", waited(h.created))));
      w.dataset.created = h.created;
      b.appendChild(head);
      b.appendChild(el("span", "reason", h.reason));
      var who = h.status === "claimed" ? t("agent.claimed_by", h.mine ? document.body.dataset.email : h.claimed_by) : t("agent.waiting");
      b.appendChild(el("span", "who" + (h.mine ? " mine" : ""), who + (h.lang ? " · " + h.lang : "")));
      b.addEventListener("click", function () { select(h.conversation_id); });
      li.appendChild(b);
      list.appendChild(li);
      if (h.conversation_id === focused) { b.focus(); }
    });
    $("queue-empty").hidden = state.queue.length > 0;
    $("queue-count").textContent = waiting ? "(" + waiting + ")" : "";
  }

  // The conversation --------------------------------------------------

  function select(id) {
    state.selected = id;
    renderQueue();
    loadConversation();
  }

  function loadConversation() {
    var id = state.selected;
    if (!id) { return; }
    api("GET", "/api/v1/agent/conversations/" + encodeURIComponent(id)).then(function (c) {
      if (state.selected !== id) { return; }
      state.conversation = c;
      renderConversation();
    }).catch(showError);
  }

  function renderConversation() {
    var c = state.conversation;
    $("placeholder").hidden = true;
    $("conversation").hidden = false;
    var h = c.handoff;
    $("conversation-title").textContent = t("agent.transcript") + " · " + categoryLabel(h) + " · " + t("agent.severity." + h.severity);
    $("fact-reason").textContent = h.reason;
    $("fact-signals").textContent = (h.signals || []).join(", ") || "–";
    $("fact-summary").textContent = h.summary;
    var list = $("transcript");
    list.replaceChildren();
    c.messages.forEach(function (m) {
      var li = el("li", "msg msg-" + m.role);
      var meta = el("span", "msg-meta", t("agent.role." + m.role) + " · " + new Date(m.created).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
      li.appendChild(meta);
      li.appendChild(el("p", "msg-text", m.text));
      if (m.signals && m.signals.length) { li.appendChild(el("span", "msg-signals", m.signals.join(", "))); }
      list.appendChild(li);
    });
    if (c.messages.length !== state.shown || c.id !== state.shownID) {
      // New messages: bring the end of the transcript and the reply box into view.
      state.shown = c.messages.length;
      state.shownID = c.id;
      window.requestAnimationFrame(function () { document.querySelector(".actions").scrollIntoView({ block: "end" }); });
    }
    var open = h.status !== "closed";
    $("claim").hidden = !(open && h.status === "waiting");
    $("reply-form").hidden = !(open && c.mine);
    $("finish").hidden = !(open && (c.mine || h.status === "waiting"));
    $("action-error").hidden = true;
  }

  function showError(err) {
    var p = $("action-error");
    p.textContent = t("agent.error", err.message);
    p.hidden = false;
  }

  function act(method, path, body) {
    var id = state.selected;
    return api(method, "/api/v1/agent/conversations/" + encodeURIComponent(id) + path, body)
      .then(loadConversation).catch(showError);
  }

  $("claim").addEventListener("click", function () { act("POST", "/claim"); });
  $("reply-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var box = $("reply");
    var text = box.value.trim();
    if (!text) { return; }
    act("POST", "/messages", { text: text }).then(function () {
      if ($("action-error").hidden) { box.value = ""; }
      box.focus();
    });
  });
  $("reply").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { $("reply-form").requestSubmit(); }
  });
  $("handback").addEventListener("click", function () { act("POST", "/handback"); });
  $("close-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    act("POST", "/close", { outcome: $("outcome").value });
  });

  // Call-backs --------------------------------------------------------

  function loadCallbacks() {
    api("GET", "/api/v1/agent/callbacks").then(function (data) {
      state.callbacks = data.items;
      renderCallbacks();
    }).catch(showError);
  }

  function renderCallbacks() {
    var list = $("callbacks");
    list.replaceChildren();
    var open = 0;
    state.callbacks.forEach(function (cb) {
      if (cb.status === "open") { open++; }
      var li = el("li", "callback callback-" + cb.status);
      li.appendChild(el("strong", "cb-name", cb.name));
      var tel = el("a", "cb-phone", cb.phone);
      tel.href = "tel:" + cb.phone.replace(/[^\d+]/g, "");
      li.appendChild(tel);
      if (cb.note) { li.appendChild(el("p", "cb-note", cb.note)); }
      li.appendChild(el("span", "cb-time", new Date(cb.created).toLocaleString()));
      var show = el("button", "link", t("agent.show_conversation"));
      show.type = "button";
      show.addEventListener("click", function () { showTab("queue"); select(cb.conversation_id); });
      li.appendChild(show);
      if (cb.status === "open") {
        var done = el("button", "", t("agent.done"));
        done.type = "button";
        done.addEventListener("click", function () {
          api("POST", "/api/v1/agent/callbacks/" + cb.id + "/done").then(loadCallbacks).catch(showError);
        });
        li.appendChild(done);
      } else {
        li.appendChild(el("span", "cb-done", t("agent.done") + " · " + (cb.handled_by || "")));
      }
      list.appendChild(li);
    });
    $("callbacks-empty").hidden = state.callbacks.length > 0;
    $("callbacks-count").textContent = open ? "(" + open + ")" : "";
  }

  function showTab(name) {
    ["queue", "callbacks"].forEach(function (n) {
      $("tab-" + n).setAttribute("aria-selected", String(n === name));
      $("panel-" + n).hidden = n !== name;
    });
  }
  $("tab-queue").addEventListener("click", function () { showTab("queue"); });
  $("tab-callbacks").addEventListener("click", function () { showTab("callbacks"); });

  // Live updates ------------------------------------------------------

  function connect() {
    var es = new EventSource("/api/v1/agent/queue/stream");
    es.addEventListener("open", function () { $("connection").hidden = true; });
    es.addEventListener("error", function () { $("connection").hidden = false; });
    es.addEventListener("queue", function (ev) {
      var q = JSON.parse(ev.data);
      state.queue = q.items;
      renderStatus(q.status);
      renderQueue();
    });
    es.addEventListener("conversation", function (ev) {
      if (JSON.parse(ev.data).id === state.selected) { loadConversation(); }
    });
    es.addEventListener("callbacks", loadCallbacks);
  }

  // Waiting times move on without the server (and without moving focus).
  window.setInterval(function () {
    document.querySelectorAll("#queue .waited").forEach(function (w) {
      w.textContent = t("agent.waited", waited(w.dataset.created));
    });
  }, 30000);
  connect();
  loadCallbacks();
}());
