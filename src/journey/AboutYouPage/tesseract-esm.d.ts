// Tesseract's own ES module build is the same API as the package's main entry, bundled. The
// main entry is CommonJS, whose interop helpers the bundler would put in the runtime every
// page shares, the first page included.
declare module 'tesseract.js/dist/tesseract.esm.min.js' {
  import Tesseract = require('tesseract.js');
  export default Tesseract;
}
