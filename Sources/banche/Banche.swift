import ArgumentParser
import Foundation

/// The `banche` command: plans free point-to-point charter buses for migrant workers.
struct Banche: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banche",
        abstract: "Plan free point-to-point charter buses (点对点包车) for migrant workers.",
        discussion: """
        banche keeps a county's travellers, buses, drivers and stops in one SQLite file, plans
        which bus and seat each worker takes, checks drivers' hours and prints manifests.

        A season, start to finish:
          banche init                    create ./banche.sqlite
          banche import --dir FOLDER     stops, legs, routes, buses, drivers,
                                         workers (CSV, UTF-8 or GB18030)
          banche plan --direction to-work --dates 2027-02-11..2027-02-15
          banche roster check --plan     drivers' hours against the rules
          banche demo                    all of it on the bundled fixture

        EXIT STATUS
          0  done, nothing to report
          1  done, and the verdict is negative (rule violations found,
             workers left unplaced)
          2  bad input or usage (a file, a row, an option); nothing written
          3  the database is busy (another banche is writing), or the
             data changed while planning, or a purge could not yet wipe
             the file; run the same command again

        FILES
          ./banche.sqlite  the default database (--db to choose another),
                           created with mode 0600

        See docs/ in the source tree for file formats, planning and driver rules.
        """,
        version: "0.1.0",
        subcommands: [InitCommand.self, MigrateCommand.self, ImportCommand.self, PlanCommand.self, PlansCommand.self, RosterCommand.self, BoardCommand.self, ManifestCommand.self, ExportCommand.self, HistoryCommand.self, PurgeCommand.self, BackupCommand.self,
                      PublishCommand.self, WorkerCommand.self, FindCommand.self, ReportCommand.self,
                      GenerateCommand.self, DemoCommand.self, BenchCommand.self]
    )
}

@main
enum Main {
    static func main() {
        var command: any ParsableCommand
        do {
            command = try Banche.parseAsRoot()
        } catch {
            // ArgumentParser reports usage errors with EX_USAGE (64); banche promises 2.
            if Banche.exitCode(for: error).rawValue == 64 {
                FileHandle.standardError.write(Data((Banche.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            Banche.exit(withError: error) // --help, --version
        }
        do {
            try command.run()
        } catch where !(error is ExitCode) && Banche.exitCode(for: error) == .success {
            Banche.exit(withError: error) // help asked for (`banche`, `banche help plan`)
        } catch {
            // The only place an error becomes a message and an exit status. Commands throw;
            // nothing below them exits, so every store is closed on the way here.
            Foundation.exit(ErrorReport.exitStatus(for: error))
        }
    }
}
