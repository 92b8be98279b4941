import ArgumentParser

struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plans", abstract: "(coming)")
    func run() throws {}
}
