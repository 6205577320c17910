/** The run form: theory, flow and loss parameters with their ranges and checks. */
package org.flowlab.app.view.form;
