RosterOrgsIndex.add("rows-0", [
["Acme","acme","enabled",2,1,1,1,"2025-01-10","Data feed"],
["Beta Corp","beta","pending",1,1,0,0,"2026-11-21",""]
]);
