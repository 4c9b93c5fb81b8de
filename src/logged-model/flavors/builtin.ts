// The flavors every page knows: Kiroku's estimators and TensorFlow.js Layers models.
import { estimatorFlavor } from './estimator-flavor';
import { registerFlavor } from './flavor';
import { tfjsFlavor } from './tfjs-flavor';

registerFlavor(tfjsFlavor);
registerFlavor(estimatorFlavor);
