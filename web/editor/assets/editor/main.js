// Los knowledge-base editor: the entry module of every editor page. The
// page names its view in <body data-view>, and that view's code runs.
// Everything goes through the JSON API under /api/v1; nothing from the API
// is ever inserted as HTML except the preview, which the server sanitizes.
//
// The server writes one version into every relative import when it loads
// these files (web/editor_assets.go), so import them as "./name.js".
import { viewArticles } from "./articles.js";
import { viewBin } from "./bin.js";
import { viewEdit } from "./edit.js";
import { viewGaps } from "./gaps.js";
import { viewHistory } from "./history.js";
import { viewImport } from "./importer.js";
import { body } from "./page.js";
import { viewSynonyms } from "./synonyms.js";
import { viewTester } from "./tester.js";
import { viewTwins } from "./twins.js";

const views = {
  articles: viewArticles,
  edit: viewEdit,
  history: viewHistory,
  bin: viewBin,
  synonyms: viewSynonyms,
  import: viewImport,
  tester: viewTester,
  gaps: viewGaps,
  twins: viewTwins,
};

const view = Object.hasOwn(views, body.dataset.view) ? views[body.dataset.view] : null;
if (view) view();
