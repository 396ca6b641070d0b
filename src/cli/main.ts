/** The `swarmdesk` command. Each subcommand lives in its own file under `commands/`. */
export async function main(argv: readonly string[]): Promise<number> {
  await Promise.resolve();
  process.stdout.write(`swarmdesk: ${argv.slice(2).join(' ')} (cli under construction)\n`);
  return 0;
}
