/** Theory dashboards: the pictures of each theory that the Lab and Compare feed with samples. */
package org.flowlab.app.view.dashboard;
