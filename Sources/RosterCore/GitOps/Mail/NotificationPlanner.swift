/// Which e-mails the events between two revisions call for.
public enum NotificationPlanner {
    /// `today` (the head commit's day) and `head` (every record at the head; the comparison
    /// holds the changed files only) find the orgs whose end date is near, for a reminder, and
    /// the org a share event is about.
    public static func notifications(for c: Comparison, today: CalendarDate? = nil, head: Snapshot? = nil) -> [PlannedEmail] {
        let scope = NotificationScope(c, today: today, head: head)
        return (scope.changes.events + scope.lifecycle.reminders()).flatMap { EventMail(scope: scope, event: $0).notifications() }
    }

    /// "super admin" for super-admin: a role as the e-mails name it.
    static func label(_ role: String?) -> String {
        switch role {
        case Role.superAdmin.rawValue: "super admin"
        case Role.teamMember.rawValue: "team member"
        default: role ?? ""
        }
    }
}
