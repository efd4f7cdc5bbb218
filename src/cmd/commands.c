/*
 * commands.c - the table of commands (commands.h): one row a command,
 * each defined in the file of its name in this folder.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

/*
 * The commands, in the order --help lists them; the first is the one
 * run when none is named (its row says `implicit`).
 */
#define COMMAND_TABLE         \
	COMMAND(tabulate)     \
	COMMAND(check)        \
	COMMAND(list)         \
	COMMAND(compare)      \
	COMMAND(rules)        \
	COMMAND(init)         \
	COMMAND(agree)        \
	COMMAND(denominators)

#define COMMAND(name) extern const struct command command_##name;
COMMAND_TABLE
#undef COMMAND
#define COMMAND(name) &command_##name,
static const struct command *const commands[] = { COMMAND_TABLE };
#undef COMMAND

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct command *const *commands_all(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

const struct command *command_find(const char *name)
{
	size_t i;

	/* The first row is never typed. */
	for (i = 1; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

const struct command *command_implicit(void)
{
	assert(commands[0]->implicit);
	return commands[0];
}

const char *command_called(const struct command *c, char *buf, size_t size)
{
	static const char options[] = "[OPTIONS] ";
	const char *rest = c->synopsis;

	if (!c->implicit) {
		snprintf(buf, size, "'foitab %s'", c->name);
		return buf;
	}
	/* Tabulating: its usage as typed, "'foitab FILE'". */
	if (strncmp(rest, options, sizeof options - 1) == 0)
		rest += sizeof options - 1;
	snprintf(buf, size, "'foitab %s'", rest);
	return buf;
}

void commands_list(FILE *out)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "%s\tfoitab %s\n", commands[i]->name,
			commands[i]->synopsis);
}
