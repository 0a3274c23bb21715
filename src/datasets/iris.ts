/**
 * Fisher's iris data set (150 flowers, 4 measurements, 3 species), embedded in the bundle.
 */
import type { Dataset } from './dataset.js';

// 600 measurements in centimetres × 10, two digits each, row after row (scikit-learn 1.2.1's copy).
const IRIS =
  '513514024930140247321302463115025036140254391704463414035034150244291402493115015437150248341602483014014330110158401202' +
  '574415045439130451351403573817035138150354341702513715044636100251331705483419025030160250341604523515025234140247321602' +
  '483116025434150452411501554214024931150250321202553513024936140144301302513415025035130345231303443213025035160651381904' +
  '483014035138160246321402533715025033140270324714643245156931491555234013652846155728451363334716492433106629461352273914' +
  '502035105930421560224010612947145629361367314414563045155827411062224515562539115932481861284013632549156128471264294313' +
  '663044146828481467305017602945155726351055243811552437105827391260275116543045156034451667314715632344135630411355254013' +
  '552644126130461458264012502333105627421357304212572942136229431351253011572841136333602558275119713059216329561865305822' +
  '763066214925451773296318672558187236612565325120642753196830552157255020582851246432532365305518773867227726692360225015' +
  '693257235628492077286720632749186733572172326018622848186130491864285621723058167428611979386420642856226328511561265614' +
  '773061236334562464315518603048186931542167315624693151235827511968325923673357256730522363255019653052206234542359305118';

/** {@link iris}: the data, the labels and the names of features and classes. */
export interface IrisDataset extends Dataset {
  /** Column names: sepal length, sepal width, petal length, petal width (cm). */
  featureNames: string[];
  /** Class names for labels 0, 1, 2. */
  labelNames: string[];
}

/**
 * Fisher's iris data: 150 × 4 measurements (sepal length, sepal width, petal length, petal
 * width, in cm) and the species label (0 setosa, 1 versicolor, 2 virginica; 50 each, in that
 * order). The same values as scikit-learn's `load_iris()`. Returns a fresh copy on each call.
 * About 1.2 KB in the bundle, only when imported. O(600).
 *
 * @returns `{ data, labels, featureNames, labelNames }`
 * @example
 * ```ts
 * const { data, labels } = iris();
 * [data.rows, data.cols];        // [150, 4]
 * data.data.subarray(0, 4);      // Float64Array [5.1, 3.5, 1.4, 0.2]
 * [labels[0], labels[149]];      // [0, 2]
 * ```
 * @see sklearn.datasets.load_iris
 * @see R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems"
 */
export function iris(): IrisDataset {
  const data = new Float64Array(600);
  for (let p = 0; p < 600; p++) {
    data[p] = ((IRIS.charCodeAt(2 * p) - 48) * 10 + IRIS.charCodeAt(2 * p + 1) - 48) / 10;
  }
  const labels = new Int32Array(150);
  for (let i = 0; i < 150; i++) labels[i] = Math.floor(i / 50);
  return {
    data: { rows: 150, cols: 4, data },
    labels,
    featureNames: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
    labelNames: ['setosa', 'versicolor', 'virginica'],
  };
}
