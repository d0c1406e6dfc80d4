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
  root.dataset.textSize =
    ['100', '150', '200'].indexOf(String(saved.textSize)) >= 0 ? String(saved.textSize) : '100';
  root.dataset.theme =
    ['light', 'dark', 'contrast'].indexOf(saved.theme) >= 0 ? saved.theme : 'auto';
  root.dataset.motion = saved.reduceMotion === true ? 'reduce' : 'auto';
})();
