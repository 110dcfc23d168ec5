#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import Foundation
import RosterCore

extension Roster {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "What CI runs on a pull request: validation, guards and policy.",
            discussion: """
                1. Validation: the head (the working tree), fully.

                2. Guards, measured against the base's settings: removing more than \
                guards.maxRemovalFraction of an org's members, of all orgs, or of a share's consumers \
                (and more than one) is refused unless --allow-mass-removal; so is an org moved to a new \
                id that keeps only a few of its members; deleting an org without the confirmation \
                `roster org delete` records is refused.

                3. Policy, with --actor (default deny; roles as in the base): every changed path of the \
                whole tree and every changed field of an org file must be allowed. A provider admin may \
                change anything; a super admin of an org its /members, /teams and /apps, new entries \
                carrying the audit values the verb writes (invitedBy = the actor); a team member or \
                invitee their own first and last name, and accepting their invitation; a newcomer one \
                new org file, exactly what `roster org register` writes for them. Anything else (other \
                orgs, org-level fields, shares, settings, templates, docs, CI files, symbolic links) is \
                refused.

                --actor takes an e-mail or @HANDLE. In CI pass the login the git host verifies (GitHub: \
                --actor "@${{ github.event.pull_request.user.login }}"): anyone can write any e-mail \
                into a commit. A handle resolves through members' and admins' "handle" in the base. An \
                empty or malformed --actor is bad usage (64); without --actor, policy is not checked and \
                every output says so. $ROSTER_ACTOR is not read, so the verdict does not depend on the \
                shell.

                Each refusal names the actor, their role, the file with the line and column of the \
                changed field, and the rule. Exit 0 allowed, 1 refused, 64 bad usage. --format github \
                writes annotations, --format json one JSON object; --summary FILE writes the Markdown \
                summary (the semantic diff, every changed path and the verdict) for a comment.

                Example (CI):
                  roster check --base origin/main --actor "@$PR_AUTHOR_LOGIN" \\
                    --summary summary.md --format github
                """)

        @OptionGroup var root: RootOptions
        @Option(help: "The base revision the pull request targets.") var base: String
        @Option(
            help: ArgumentHelp(
                "Who proposes the change: an e-mail or @handle (the pull request's author). Without it, policy is not checked.",
                valueName: "email|@handle"))
        var actor: String?
        @Flag(help: "Allow removing more than guards.maxRemovalFraction.") var allowMassRemoval = false
        @Option(help: "text, github or json.") var format: FindingReport.Format = .text
        @Option(help: ArgumentHelp("Write a Markdown summary here.", valueName: "file")) var summary: String?
        @OptionGroup var today: TodayOption

        func validate() throws {
            if let actor, Actor(actor) == nil {
                throw ValidationError(
                    "--actor must be an e-mail address or @handle (a git-host login), not \"\(actor)\"; an empty value usually means the CI variable holding it is unset"
                )
            }
        }

        func run() throws {
            let options = try today.options()
            let outcome: CheckOutcome
            do {
                outcome = try CheckOutcome.run(
                    root: root.path, base: base, actor: actor.flatMap(Actor.init), allowMassRemoval: allowMassRemoval, options: options)
            } catch {
                printError("roster: " + (RevisionProblem.explain(root: root.path, revisions: [base]) ?? "\(error)"))
                throw ExitCode(1)
            }
            print(outcome.findingsReport(format: format, color: stdoutIsTerminal), terminator: "")
            if let summary {
                let problem: String?
                do {
                    problem = Self.writeSummary(Array(try outcome.markdown().utf8), to: summary)
                } catch {
                    problem = error.localizedDescription
                }
                if let problem {
                    printError("roster: cannot write the summary to \(summary): \(problem)")
                    throw ExitCode(1)
                }
            }
            if format != .json { print(outcome.verdictLine) }
            if !outcome.allowed { throw ExitCode(1) }
        }

        /// Writes the summary without following a symbolic link: CI runs the check in the pull
        /// request's checkout, where `summary.md` may be a link the pull request committed, and
        /// the write (before the verdict refuses the link) went wherever it pointed; the next
        /// step then posted the target's bytes as the comment. A link in the file's place is
        /// replaced by the file; a folder of a relative path that is a link is refused. Returns
        /// why nothing was written, or nil.
        static func writeSummary(_ bytes: [UInt8], to path: String) -> String? {
            var walked = path.hasPrefix("/") ? "" : "."
            for part in path.split(separator: "/").dropLast() where !path.hasPrefix("/") {
                walked += "/" + part
                var info = stat()
                if lstat(walked, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                    return "\(walked.dropFirst(2)) is a symbolic link; roster does not write through links"
                }
            }
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, unlink(path) != 0 {
                return "it is a symbolic link that cannot be removed: \(String(cString: strerror(errno)))"
            }
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { return String(cString: strerror(errno)) }
            defer { close(fd) }
            return FileAccess.writeAll(fd, bytes) ? nil : String(cString: strerror(errno))
        }
    }
}
