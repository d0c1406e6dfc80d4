// Runs before first paint, inlined into index.html by the build (scripts/inline-boot.ts; the
// server allows it by its hash): applies the saved settings to <html> so that text is never
// shown small and then re-laid out. Mirrors readSettings() in src/core/settings/settings-store.ts;
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
  // The build names, in a JSON block beside this script (scripts/inline-boot.ts), the files
  // this page needs beyond the app's own code: the first page's strings in each language, the
  // journey's shared code and strings, and each journey page's own code. They start loading
  // now, beside the app's code, where the app alone would ask for them only once its code had
  // run: a round trip later.
  var path = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, '') : '/';
  var isJourney = /^\/apply(\/|$)/.test(path);
  var data = document.getElementById('kindly-files');
  var files = {};
  try {
    files = (data && JSON.parse(data.textContent || '{}')) || {};
  } catch {
    files = {};
  }
  var wanted = [].concat(
    files.strings?.[lang] || [],
    (isJourney && files.journey?.[lang]) || [],
    (isJourney && files.pages?.[path]) || [],
  );
  wanted.forEach((file, index) => {
    if (wanted.indexOf(file) !== index) return;
    var preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = file;
    document.head.appendChild(preload);
  });
  // A journey page (/apply/…) shows nothing before the loan catalog is in: it is asked for
  // now, beside the app's code, rather than once that code has run. src/sync/api.ts takes
  // this answer (once) in place of asking again.
  if (isJourney && typeof fetch === 'function') {
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
