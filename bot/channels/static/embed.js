// Embed Legbot on another site with one tag:
//   <script src="https://YOUR-LEGBOT-SERVER/chat/embed.js" async></script>
// The site's origin must be listed in LEGBOT_ALLOWED_ORIGINS on the Legbot server.
(function () {
  "use strict";
  var me = document.currentScript;
  var base = me ? me.src.replace(/embed\.js(\?.*)?$/, "") : "/chat/";
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Legs aching? Ask Legbot";
  button.setAttribute("aria-expanded", "false");
  button.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:.6rem 1rem;border-radius:1.5rem;border:0;background:#1a5fd0;color:#fff;font:16px system-ui,sans-serif;cursor:pointer";
  var frame = document.createElement("iframe");
  frame.title = "Legbot chat";
  frame.src = base;
  frame.hidden = true;
  frame.style.cssText = "position:fixed;right:1rem;bottom:4.2rem;z-index:2147483000;width:min(26rem,calc(100vw - 2rem));height:min(38rem,calc(100vh - 6rem));border:1px solid #aab6cc;border-radius:.75rem;background:#fff";
  button.addEventListener("click", function () {
    frame.hidden = !frame.hidden;
    button.setAttribute("aria-expanded", String(!frame.hidden));
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
}());
