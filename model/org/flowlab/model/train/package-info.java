/** Training: losses (reverse KL, forward KL, path gradients), the optimiser and the trainer that publishes events. */
package org.flowlab.model.train;
