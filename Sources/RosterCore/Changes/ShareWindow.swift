/// A share link's date window: `since <= day < until` (content/enforcing-access.md).
public enum ShareWindow {
    public static func contains(_ link: ShareLink, _ day: CalendarDate) -> Bool {
        guard let since = Formats.date(link.since), since <= day else { return false }
        return link.until.flatMap(Formats.date).map { day < $0 } ?? true
    }
}
