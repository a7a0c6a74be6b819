/**
 * The simulated host's model: topology, hypervisor build (.config), domains, vCPUs, cpupools, runstates.
 */
package org.xenwb.engine.core.model;
