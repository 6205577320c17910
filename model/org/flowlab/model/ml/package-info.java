/**
 * Machine learning from zero, in plain float64 Java: a multilayer perceptron with hand-written
 * back-propagation, regression and two-class data sets, MSE / MAE / cross-entropy losses, SGD
 * and Adam, and the translation-equivariant 3×3 convolution of the "why convolutions" panel.
 */
package org.flowlab.model.ml;
