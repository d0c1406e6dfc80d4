// Runs before first paint: applies the saved settings to <html> so that text is never shown
// small and then re-laid out. Mirrors readSettings() in src/app/settings/settings-store.ts;
// the settings tests check that both agree.
(() => {
  var root = document.documentElement;
  var saved = {};
  try {
    saved = JSON.parse(localStorage.getItem('kindly.settings') || '{}') || {};
  } catch {
    saved = {};
  }
  var langs = navigator.languages || [navigator.language || 'en'];
  var lang = saved.lang === 'zh-CN' || saved.lang === 'en' ? saved.lang : null;
  if (!lang) lang = /^zh/i.test(langs[0] || '') ? 'zh-CN' : 'en';
  root.lang = lang;
  // The first page's strings in this language start loading now, beside the app's code (the
  // build names their file in a <meta>, scripts/first-strings.ts).
  var strings = document.querySelector(`meta[name="kindly-strings-${lang}"]`);
  var files = strings ? (strings.getAttribute('content') || '').split(' ').filter(Boolean) : [];
  files.forEach((file) => {
    var preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = file;
    document.head.appendChild(preload);
  });
  // A journey page (/apply/…) shows nothing before the loan catalog is in: it is asked for
  // now, beside the app's code, rather than once that code has run. src/sync/api.ts takes
  // this answer (once) in place of asking again.
  if (/^\/apply(\/|$)/.test(location.pathname) && typeof fetch === 'function') {
    window.kindlyEarlyProducts = fetch('/api/products', {
      headers: { Accept: 'application/json' },
    }).catch(() => null);
  }
  root.dataset.textSize =
    ['100', '150', '200'].indexOf(String(saved.textSize)) >= 0 ? String(saved.textSize) : '100';
  root.dataset.theme =
    ['light', 'dark', 'contrast'].indexOf(saved.theme) >= 0 ? saved.theme : 'auto';
  root.dataset.motion = saved.reduceMotion === true ? 'reduce' : 'auto';
})();
