import ArgumentParser
import Foundation

/// The `banche` command: plans free point-to-point charter buses for migrant workers.
struct Banche: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banche",
        abstract: tr("banche.abstract"),
        discussion: tr("banche.discussion"),
        version: "0.1.0",
        subcommands: [InitCommand.self, MigrateCommand.self, ImportCommand.self, PlanCommand.self, PlansCommand.self, RosterCommand.self, BoardCommand.self, ManifestCommand.self, ExportCommand.self, HistoryCommand.self, PurgeCommand.self, BackupCommand.self, CopyCommand.self,
                      PublishCommand.self, WorkerCommand.self, FindCommand.self, ReportCommand.self,
                      GenerateCommand.self, DemoCommand.self, BenchCommand.self, ServeCommand.self]
    )
}

@main
enum Main {
    static func main() {
        var command: any ParsableCommand
        if let bad = UI.choice.badValue {
            FileHandle.standardError.write(Data((tr("error.badLang", ["value": bad]) + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            // `--lang` is global: taken out here, before the commands parse their own options.
            command = try Banche.parseAsRoot(UI.choice.arguments)
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
