public enum RosterSite {}
