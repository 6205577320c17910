/** The flow core: bijections returning (value, log det), priors, composition, flow models and their parameters. */
package org.flowlab.model.flow.core;
