RosterOrgsIndex.add("terms-0", {
"acme":"0",
"ann":"0",
"archer":"0",
"baker":"0",
"bea":"1",
"bell":"1",
"beta":"1",
"bob":"0",
"corp":"1",
"everyone":"0,0",
"ops":"0"
});
