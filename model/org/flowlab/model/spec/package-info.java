/** Declarative descriptions of theories, flows and losses: parameters with ranges and help, settings, run specifications. */
package org.flowlab.model.spec;
