// Legbot's own chat widget. Every text is rendered with textContent, never as HTML.
(function () {
  "use strict";
  var root = document.querySelector(".legbot");
  var log = document.getElementById("legbot-log");
  var form = document.getElementById("legbot-form");
  var input = document.getElementById("legbot-input");
  var typing = document.getElementById("legbot-typing");
  var banner = document.getElementById("legbot-banner");
  var forget = document.getElementById("legbot-forget");
  var SESSION_KEY = "legbot.session";
  var HISTORY_KEY = "legbot.history";
  var LEVELS = {
    emergency: "Emergency: call emergency services now",
    urgent: "Urgent: get medical care today",
    see_doctor: "Book an appointment with a doctor",
    self_care: "Self-care for now"
  };
  var history = [];
  try { history = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { history = []; }
  var sessionId = localStorage.getItem(SESSION_KEY);
  var lastBot = null;
  var lastBotLi = null;

  function save() {
    try { localStorage.setItem(HISTORY_KEY, JSON.stringify(history.slice(-200))); } catch (e) { /* full */ }
  }

  function showBanner(level) {
    if (!LEVELS[level]) { return; }
    banner.hidden = false;
    banner.setAttribute("data-level", level);
    banner.textContent = LEVELS[level];
  }

  function addSources(li, sources) {
    if (!sources || !sources.length) { return; }
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = "Sources (" + sources.length + ")";
    details.appendChild(summary);
    sources.forEach(function (s) {
      var q = document.createElement("blockquote");
      q.textContent = "\u201c" + String(s.quote || "") + "\u201d \u2014 " + String(s.source || s.document || "");
      details.appendChild(q);
    });
    li.appendChild(details);
  }

  function render(item) {
    var li = document.createElement("li");
    li.className = "legbot-msg " + (item.from === "me" ? "me" : "bot");
    var text = document.createElement("span");
    text.textContent = String(item.text || "");
    li.appendChild(text);
    addSources(li, item.sources);
    log.appendChild(li);
    if (item.buttons && item.buttons.length) {
      var box = document.createElement("div");
      box.className = "legbot-buttons";
      item.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = String(b.title || "");
        button.addEventListener("click", function () { send(String(b.payload || b.title || ""), String(b.title || "")); });
        box.appendChild(button);
      });
      log.appendChild(box);
    }
    if (item.level) { showBanner(item.level); }
    li.scrollIntoView({ block: "end" });
    if (item.from !== "me") { lastBot = item; lastBotLi = li; }
    return li;
  }

  history.forEach(render);

  var socket = io({ path: root.getAttribute("data-socketio-path") || "/socket.io", transports: ["websocket", "polling"] });
  socket.on("connect", function () { socket.emit("session_request", { session_id: sessionId }); });
  // Rasa ignores a message without a session id, so what is typed before the server has
  // confirmed one (a fast first message on a new page) waits here and goes out on confirm.
  var waiting = [];
  socket.on("session_confirm", function (id) {
    sessionId = typeof id === "string" ? id : (id && id.session_id) || sessionId;
    localStorage.setItem(SESSION_KEY, sessionId);
    waiting.splice(0).forEach(function (text) {
      socket.emit("user_uttered", { message: text, session_id: sessionId });
    });
  });
  socket.on("bot_uttered", function (msg) {
    typing.hidden = true;
    if (msg && msg.legbot && msg.legbot.forgotten) {  // the server deleted the conversation
      forgetLocally();
      return;
    }
    if (msg && msg.legbot) {  // custom data for the previous message: triage level and sources
      if (lastBot) {
        if (msg.legbot.triage) { lastBot.level = msg.legbot.triage; showBanner(msg.legbot.triage); }
        if (msg.legbot.sources) {
          lastBot.sources = msg.legbot.sources;
          if (lastBotLi) { addSources(lastBotLi, msg.legbot.sources); }
        }
        save();
      }
      return;
    }
    var item = { from: "bot", text: msg.text || "", buttons: msg.quick_replies || msg.buttons || [] };
    history.push(item);
    render(item);
    save();
  });

  // After "forget me" was confirmed: drop this browser's copy too, keep only the last reply
  // on screen (unsaved), and start a new conversation with a new id.
  function forgetLocally() {
    var done = lastBot;
    history = []; save();
    try { localStorage.removeItem(HISTORY_KEY); localStorage.removeItem(SESSION_KEY); } catch (e) { /* ignore */ }
    log.textContent = ""; banner.hidden = true;
    if (done) { render({ from: "bot", text: done.text }); }
    sessionId = null;
    socket.emit("session_request", { session_id: null });
  }

  function send(payload, shown) {
    var text = String(payload || "").trim();
    if (!text) { return; }
    if (/^(start over|restart|\/restart)$/i.test(text)) {
      history = []; save(); log.textContent = ""; banner.hidden = true;
    }
    var item = { from: "me", text: shown || text };
    history.push(item);
    render(item);
    save();
    typing.hidden = false;
    if (!sessionId) { waiting.push(text); return; }
    socket.emit("user_uttered", { message: text, session_id: sessionId });
  }

  forget.addEventListener("click", function () { send("/forget_me", "Forget me"); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value);
    input.value = "";
    input.focus();
  });
  input.focus();
}());
