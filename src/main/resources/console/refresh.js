// The dashboard's delivery progress, refreshed every 10 seconds. The page works without it (reload to refresh).
(function () {
  var target = document.getElementById('progress');
  if (!target || !window.fetch) {
    return;
  }
  var timer = setInterval(function () {
    fetch('/console/progress', { credentials: 'same-origin', redirect: 'manual' })
      .then(function (answer) {
        if (answer.type === 'opaqueredirect' || !answer.ok) {
          clearInterval(timer); // signed out or session over: leave the page as it is
          return null;
        }
        return answer.text();
      })
      .then(function (html) {
        if (html !== null) {
          target.innerHTML = html;
        }
      })
      .catch(function () { /* offline for a moment: try again at the next tick */ });
  }, 10000);
})();
