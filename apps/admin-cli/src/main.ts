// Operator CLI entry point (issue I): `npm run -s admin -- <command>`. Commands are added in src/commands.
console.error('admin: no commands yet');
process.exit(2);
