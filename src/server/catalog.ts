// The product catalog as the server serves it: read and validated once at start (a bad
// catalog stops the server, naming the field), serialised once with the products' rate
// ranges, with its ETag.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Catalog, type Product, type ProductChoice, parseCatalog } from '../loan';
import { type Figures, figuresFor } from '../loan/application';
import { catalogAnswer } from '../loan/rate-range';

/** A validated catalog ready to serve: its JSON, its ETag, and products by id. */
export interface ServedCatalog {
  catalog: Catalog;
  json: string;
  /** A strong ETag: a hash of exactly the bytes of `json`. */
  etag: string;
  /** The JSON compressed once, for clients that accept it (about a third of the bytes on
   *  the branch's Wi-Fi, and every visit asks for the catalog). */
  compressed: { br: Buffer; gzip: Buffer };
  find(productId: string): Product | undefined;
  /** The figures of a choice within a product, remembered: a product allows only so many
   *  amounts, terms and methods, and the same ones come again and again. */
  figures(product: Product, choice: ProductChoice): Figures;
}

// Far more than the amounts × terms × methods of a sensible catalog; a bound all the same.
const MAX_REMEMBERED = 50_000;

/** Prepares a validated catalog for serving, with each product's rate range worked out here
 *  once rather than on every tablet. */
export function serveCatalog(catalog: Catalog): ServedCatalog {
  const json = JSON.stringify(catalogAnswer(catalog));
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  const byId = new Map(catalog.products.map((product) => [product.id, product]));
  const remembered = new Map<string, Figures>();
  const compressed = {
    br: brotliCompressSync(json, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      },
    }),
    gzip: gzipSync(json, { level: 9 }),
  };
  return {
    catalog,
    json,
    etag,
    compressed,
    find: (productId) => byId.get(productId),
    figures: (product, choice) => {
      const key = `${product.id}/${choice.principal}/${choice.months}/${choice.method}`;
      let figures = remembered.get(key);
      if (!figures) {
        figures = figuresFor(product, choice);
        if (remembered.size >= MAX_REMEMBERED) remembered.clear();
        remembered.set(key, figures);
      }
      return figures;
    },
  };
}

/** Reads, parses and validates the catalog file; throws an Error saying which file and
 *  which field is wrong. */
export function loadCatalog(path: string): ServedCatalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the product catalog ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the product catalog ${path} is not JSON: ${(error as Error).message}`);
  }
  try {
    return serveCatalog(parseCatalog(json));
  } catch (error) {
    throw new Error(`the product catalog ${path} is refused: ${(error as Error).message}`);
  }
}
