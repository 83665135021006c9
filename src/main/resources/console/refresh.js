// Delivery progress (the dashboard's, an incident's or a maintenance's), refreshed every 10 seconds from the
// address in the element's data-src. The page works without it (reload to refresh).
(function () {
  var target = document.getElementById('progress');
  if (!target || !target.getAttribute('data-src') || !window.fetch) {
    return;
  }
  var timer = setInterval(function () {
    fetch(target.getAttribute('data-src'), { credentials: 'same-origin', redirect: 'manual' })
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
