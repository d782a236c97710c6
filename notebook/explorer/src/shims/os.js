// Node built-in "os", asked for by uniqid in a branch that only runs under Node: nothing here.
module.exports = {};
