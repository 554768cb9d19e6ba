"""The strategic implementation group's app: its dashboard and meeting pack (and, later, its
meetings and decisions). It reads every content app and is read by none of them."""
