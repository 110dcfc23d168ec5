RosterOrgsIndex.add("status-enabled", "0");
