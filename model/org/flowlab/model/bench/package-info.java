/** Standard performance workloads (training, HMC) and resident-memory readings for {@code flowlab bench}. */
package org.flowlab.model.bench;
