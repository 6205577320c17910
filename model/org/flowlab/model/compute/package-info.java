/** Compute back end: the DJL engine, the CPU/GPU device choice and precision. */
package org.flowlab.model.compute;
