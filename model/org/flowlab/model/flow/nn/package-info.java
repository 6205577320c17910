/** Small neural networks used inside flows: convolutions with circular padding and multilayer perceptrons. */
package org.flowlab.model.flow.nn;
