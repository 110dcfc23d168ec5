RosterOrgsIndex.add("manifest", {
  "format": "roster-orgs-index/1",
  "orgs": 2,
  "pageSize": 100,
  "files": {
    "rows": "search/rows-{n}.js",
    "terms": "search/terms-{n}.js",
    "status": "search/status-{status}.js",
    "orgs": "api/orgs.json",
    "shares": "api/shares.json"
  },
  "row": "[name, id, status, teams, users, invitations, shares, created, share names]; orgs numbered from 0 in page order",
  "rows": [
    0
  ],
  "terms": [
    "acme"
  ],
  "statuses": {
    "disabled": 0,
    "enabled": 1,
    "pending": 1,
    "rejected": 0
  }
}
);
