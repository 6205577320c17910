/** Run directories: configuration and metrics as JSON, parameters as DJL files, atomic writes. */
package org.flowlab.model.io;
