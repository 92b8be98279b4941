import ArgumentParser

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "roster", abstract: "(coming)")
    func run() throws {}
}
