/** Low-level files: .npy and .npz arrays, atomic writes, the FlowLab home folder. */
package org.flowlab.model.io;
